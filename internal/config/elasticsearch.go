package config

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/store/elasticsearch/indexname"
)

// Elasticsearch configures the Elasticsearch/OpenSearch store backend
// (store.type: elasticsearch; see docs/ELASTICSEARCH.md).
type Elasticsearch struct {
	// URLs are the cluster's HTTP endpoints; requests go round-robin and
	// move on to the next one when a node cannot be reached.
	URLs []string `yaml:"urls"`
	// Index is the strftime-like pattern of the time-based index names
	// (%Y %m %d %H on @timestamp in UTC); hourly by default, as the
	// reference team ran, "logstack-%Y.%m.%d" for daily indices.
	Index string `yaml:"index"`
	// DataStream, when set, writes to this data stream instead of Index
	// (Elasticsearch 7.9+ and OpenSearch).
	DataStream string `yaml:"data_stream"`
	// Username and Password are HTTP basic credentials.
	Username string `yaml:"username"`
	Password Secret `yaml:"password"`
	// APIKey is sent as "Authorization: ApiKey <key>" (the base64 form
	// Elasticsearch's create-API-key call returns as "encoded").
	APIKey Secret `yaml:"api_key"`
	// AWS signs requests with SigV4 for Amazon OpenSearch Service.
	AWS ElasticsearchAWS `yaml:"aws"`
	// TLS trusts a private CA for https URLs.
	TLS ElasticsearchTLS `yaml:"tls"`
	// BulkMaxEvents and BulkMaxBytes split a store write into _bulk
	// requests; keep them under the cluster's http.max_content_length.
	BulkMaxEvents int      `yaml:"bulk_max_events"`
	BulkMaxBytes  ByteSize `yaml:"bulk_max_bytes"`
	// RequestTimeout bounds each HTTP request.
	RequestTimeout Duration `yaml:"request_timeout"`
	// Template is the index template logstack installs.
	Template ElasticsearchTemplate `yaml:"template"`
}

// ElasticsearchAWS enables SigV4 signing when Region is set; credentials
// come from the AWS default chain (environment, shared files, instance or
// task role), never from this file.
type ElasticsearchAWS struct {
	// Region of the domain or collection, e.g. eu-west-1.
	Region string `yaml:"region"`
	// Service is "es" (managed domains) or "aoss" (Serverless).
	Service string `yaml:"service"`
}

// ElasticsearchTLS configures the client side of TLS.
type ElasticsearchTLS struct {
	// CAFile is a PEM bundle trusted besides the system roots.
	CAFile string `yaml:"ca_file"`
	// InsecureSkipVerify accepts any server certificate; for tests only.
	InsecureSkipVerify bool `yaml:"insecure_skip_verify"`
}

// ElasticsearchTemplate names and sizes the index template.
type ElasticsearchTemplate struct {
	// Name of the template (and of nothing else).
	Name string `yaml:"name"`
	// Shards and Replicas are the settings of every new index.
	Shards   int `yaml:"shards"`
	Replicas int `yaml:"replicas"`
}

// defaultElasticsearch returns the section's defaults.
func defaultElasticsearch() Elasticsearch {
	return Elasticsearch{
		URLs:           []string{"http://127.0.0.1:9200"},
		Index:          "logstack-%Y.%m.%d.%H",
		AWS:            ElasticsearchAWS{Service: "es"},
		BulkMaxEvents:  5000,
		BulkMaxBytes:   5 * MiB,
		RequestTimeout: Duration(30 * time.Second),
		Template:       ElasticsearchTemplate{Name: "logstack", Shards: 1, Replicas: 1},
	}
}

// reResourceName is what logstack accepts as a template or data stream
// name: lowercase, no characters Elasticsearch forbids in index names.
var reResourceName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,199}$`)

// elasticsearch checks the section when the backend is selected.
func (v *validator) elasticsearch() {
	if v.c.Store.Type != "elasticsearch" {
		return
	}
	e := v.c.Store.Elasticsearch
	const p = "store.elasticsearch"
	if len(e.URLs) == 0 {
		v.fail(p+".urls", "must list at least one http(s) URL when store.type is elasticsearch")
	}
	for i, raw := range e.URLs {
		path := p + ".urls[" + strconv.Itoa(i) + "]"
		u, err := url.Parse(raw)
		switch {
		case raw == "":
			v.fail(path, "must not be empty")
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			v.fail(path, "is not an http(s) URL with a host") // not echoed: it may hold a password
		case u.User != nil:
			v.fail(path, "holds credentials; use username and password: ${VAR} (or api_key) so they stay secret")
		}
	}
	if e.DataStream != "" {
		if !reResourceName.MatchString(e.DataStream) || strings.HasPrefix(e.DataStream, ".ds-") {
			v.fail(p+".data_stream", "%q is not a valid data stream name (lowercase letters, digits, '.', '_', '-'; not starting with '.', '_' or '-')", e.DataStream)
		}
	} else if _, err := indexname.Parse(e.Index); err != nil {
		v.fail(p+".index", "%v", err)
	}
	v.elasticsearchAuth(e)
	v.positiveInt(p+".bulk_max_events", e.BulkMaxEvents)
	v.positiveSize(p+".bulk_max_bytes", e.BulkMaxBytes)
	v.positive(p+".request_timeout", e.RequestTimeout)
	if !reResourceName.MatchString(e.Template.Name) {
		v.fail(p+".template.name", "%q is not a valid template name (lowercase letters, digits, '.', '_', '-')", e.Template.Name)
	}
	v.positiveInt(p+".template.shards", e.Template.Shards)
	if e.Template.Replicas < 0 {
		v.fail(p+".template.replicas", "must not be negative, got %d", e.Template.Replicas)
	}
}

// elasticsearchAuth allows one way of authenticating at a time.
func (v *validator) elasticsearchAuth(e Elasticsearch) {
	const p = "store.elasticsearch"
	if (e.Username == "") != (e.Password == "") {
		v.fail(p+".username", "set both username and password (is the password's variable set?), or neither")
	}
	ways := 0
	for _, on := range []bool{e.Username != "", e.APIKey != "", e.AWS.Region != ""} {
		if on {
			ways++
		}
	}
	if ways > 1 {
		v.fail(p, "set only one of username/password, api_key and aws.region")
	}
	if e.AWS.Region != "" {
		v.oneOf(p+".aws.service", e.AWS.Service, "es", "aoss")
	}
	if e.TLS.InsecureSkipVerify && e.TLS.CAFile != "" {
		v.fail(p+".tls", "set ca_file or insecure_skip_verify, not both")
	}
}
