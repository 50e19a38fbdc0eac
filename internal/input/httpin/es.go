package httpin

import (
	"errors"
	"net/http"

	"github.com/logstack/logstack/internal/auth"
)

// esCause is an Elasticsearch exception: {"type": ..., "reason": ...}.
type esCause struct {
	Type   string `json:"type"`
	Reason string `json:"reason"`
}

type esError struct {
	RootCause []esCause `json:"root_cause"`
	esCause
}

// writeESError writes a request-level error in Elasticsearch's shape, which
// shippers parse to decide between retrying and dropping.
func writeESError(w http.ResponseWriter, status int, typ, reason string) {
	c := esCause{Type: typ, Reason: reason}
	writeJSON(w, status, struct {
		Error  esError `json:"error"`
		Status int     `json:"status"`
	}{esError{[]esCause{c}, c}, status})
}

// denyES is the Elasticsearch-shaped 401 for a missing or invalid key.
func denyES(w http.ResponseWriter, err error) {
	w.Header().Set("WWW-Authenticate", "ApiKey")
	reason := "invalid API key"
	if errors.Is(err, auth.ErrMissingKey) {
		reason = "missing authentication credentials for REST request"
	}
	writeESError(w, http.StatusUnauthorized, "security_exception", reason)
}

// esHeaders marks every response as coming from Elasticsearch: the official
// clients (Elastic's Go, Ruby and Java clients inside Filebeat, Logstash and
// Elastic Agent) refuse to talk to a server whose responses lack
// X-Elastic-Product. Request content types, including
// application/vnd.elasticsearch+json;compatible-with=8, are not checked.
func esHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
	})
}

// registerES mounts the bulk API and the handshake endpoints, all behind
// BulkAuth. Which shipper needs what:
//
//   - GET|HEAD /: every client reads version.number (and the 8.x clients
//     check build_flavor and tagline for the product check).
//   - GET /_license: Logstash's license check (status "active").
//   - GET /_xpack: Filebeat's ILM check (features.ilm available+enabled).
//   - GET /_cluster/health: Vector's healthcheck.
//   - GET /_cluster/state/version: Vector's api_version auto-detection,
//     which reads "version" as the API major version.
//   - /_index_template, /_component_template, /_template, /_cat/templates:
//     Filebeat (setup.template) and Logstash (manage_template); answering
//     that they exist keeps the shippers from trying to install them.
//   - /_ilm/policy: Filebeat and Logstash ILM setup.
//   - /_ingest/pipeline: Filebeat modules' pipelines.
//   - /_data_stream: Filebeat 8 and Logstash data stream setup.
func (in *Input) registerES(mux *http.ServeMux) {
	bulk := in.instrument(inputBulk, in.guard(inputBulk, in.cfg.BulkAuth, denyES,
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			in.bulk(w, r, r.PathValue("index"))
		})))
	handle := func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, esHeaders(in.guard(inputBulk, in.cfg.BulkAuth, denyES, h)))
	}
	mux.Handle("POST /_bulk", esHeaders(bulk))
	mux.Handle("PUT /_bulk", esHeaders(bulk))
	mux.Handle("POST /{index}/_bulk", esHeaders(bulk))
	// PUT /{index}/_bulk and PUT /_index_template/{name} overlap (a PUT of
	// /_index_template/_bulk matches both) and Go's ServeMux refuses such
	// pairs, so both are served by one pattern.
	ack := esHeaders(in.guard(inputBulk, in.cfg.BulkAuth, denyES, http.HandlerFunc(acknowledge)))
	mux.Handle("PUT /{index}/{op}", esHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("op") == "_bulk" {
			bulk.ServeHTTP(w, r)
			return
		}
		switch r.PathValue("index") {
		case "_index_template", "_component_template", "_template", "_data_stream":
			ack.ServeHTTP(w, r)
		default:
			writeESError(w, http.StatusNotFound, "illegal_argument_exception", "logstack does not implement PUT "+r.URL.Path)
		}
	})))
	handle("GET /{$}", in.root)
	handle("GET /_license", license)
	handle("GET /_xpack", xpack)
	handle("GET /_cluster/health", clusterHealth)
	handle("GET /_cluster/state/version", clusterStateVersion)
	handle("GET /_index_template/{name}", indexTemplate)
	handle("GET /_component_template/{name}", componentTemplate)
	handle("GET /_template/{name}", legacyTemplate)
	handle("GET /_cat/templates/{name}", catTemplates)
	handle("GET /_data_stream/{name}", dataStream)
	handle("GET /_ilm/policy/{name}", ilmPolicy)
	handle("PUT /_ilm/policy/{name}", acknowledge)
	handle("GET /_ingest/pipeline/{name}", ingestPipeline)
	handle("PUT /_ingest/pipeline/{name}", acknowledge)
}
