package esack

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// Server is the acknowledge-only endpoint; it implements http.Handler.
type Server struct {
	// URL is set by Start.
	URL string

	bulks atomic.Int64
	items atomic.Int64
	seq   atomic.Int64
}

// New returns a Server to mount on any listener.
func New() *Server { return &Server{} }

// Start serves a new Server on loopback until t's cleanup.
func Start(t testing.TB) *Server {
	s := New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

// BulkRequests is how many _bulk requests were answered.
func (s *Server) BulkRequests() int64 { return s.bulks.Load() }

// Items is how many bulk actions were acknowledged.
func (s *Server) Items() int64 { return s.items.Load() }

// ServeHTTP answers GET / with an Elasticsearch 8 root document, _bulk with
// per-item results, GET of templates, indices and mappings with 404 (not
// there yet), _cat/indices with an empty list, searches with no hits, and
// anything else with {"acknowledged":true}.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Elastic-Product", "Elasticsearch")
	p := r.URL.Path
	switch {
	case p == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		_, _ = io.WriteString(w, `{"name":"esack","cluster_name":"esack","version":{"number":"8.15.0","build_flavor":"default"},"tagline":"You Know, for Search"}`)
	case p == "/_bulk" || strings.HasSuffix(p, "/_bulk"):
		s.bulk(w, r)
	case strings.HasPrefix(p, "/_cat/indices"):
		_, _ = io.WriteString(w, `[]`)
	case strings.HasSuffix(p, "/_search"):
		_, _ = io.WriteString(w, `{"took":0,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}`)
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"error":{"type":"resource_not_found_exception","reason":"esack keeps nothing"},"status":404}`)
	default:
		_, _ = io.WriteString(w, `{"acknowledged":true}`)
	}
}

// action is the metadata of an NDJSON action line.
type action struct {
	Index string `json:"_index"`
	ID    string `json:"_id"`
}

// actionLine is an action line: exactly one of its fields is set. A struct
// rather than a map keeps the endpoint's own cost per item low.
type actionLine struct {
	Create, Index, Update, Delete *action
}

// parseAction returns the operation and metadata of one action line.
func parseAction(line []byte) (string, action, bool) {
	var l actionLine
	if err := json.Unmarshal(line, &l); err != nil {
		return "", action{}, false
	}
	var op string
	var a *action
	for _, c := range []struct {
		op string
		a  *action
	}{{"create", l.Create}, {"index", l.Index}, {"update", l.Update}, {"delete", l.Delete}} {
		if c.a != nil {
			if a != nil {
				return "", action{}, false
			}
			op, a = c.op, c.a
		}
	}
	if a == nil {
		return "", action{}, false
	}
	return op, *a, true
}

// bulk parses the action lines and answers each with 201 created, as
// Elasticsearch documents for a successful create or index. A document
// line that is missing or not an object gets 400 mapper_parsing_exception,
// and an unreadable action line makes the whole request a 400, as a
// cluster answers it.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request) {
	s.bulks.Add(1)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	items := make([]byte, 0, 64+len(body)/8)
	failed := false
	n := 0
	for len(body) > 0 {
		var line, doc []byte
		line, body = next(body)
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		op, act, ok := parseAction(line)
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"error":{"type":"illegal_argument_exception","reason":"Malformed action/metadata line"},"status":400}`)
			return
		}
		if op != "delete" {
			doc, body = next(body)
		}
		if n > 0 {
			items = append(items, ',')
		}
		n++
		isDoc := op == "delete" || bytes.HasPrefix(bytes.TrimSpace(doc), []byte("{"))
		failed = failed || !isDoc
		items = s.appendItem(items, op, act, isDoc)
	}
	s.items.Add(int64(n))
	_, _ = io.WriteString(w, `{"took":1,"errors":`+strconv.FormatBool(failed)+`,"items":[`)
	_, _ = w.Write(items)
	_, _ = io.WriteString(w, "]}")
}

// appendItem appends one per-item result.
func (s *Server) appendItem(out []byte, op string, a action, ok bool) []byte {
	out = append(out, `{"`...)
	out = append(out, op...)
	out = append(out, `":{"_index":`...)
	out = strconv.AppendQuote(out, a.Index)
	out = append(out, `,"_id":`...)
	out = strconv.AppendQuote(out, a.ID)
	if !ok {
		return append(out, `,"status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse: the document line is not a JSON object"}}}`...)
	}
	out = append(out, `,"_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":`...)
	out = strconv.AppendInt(out, s.seq.Add(1)-1, 10)
	return append(out, `,"_primary_term":1,"status":201}}`...)
}

// next splits the first line off b.
func next(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}
