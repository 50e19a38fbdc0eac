package elasticsearch

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/logstack/logstack/internal/store/elasticsearch/indexname"
)

// Options configures the store; the zero value of every field but URLs
// takes the default of config.Elasticsearch.
type Options struct {
	// URLs are the nodes' base URLs; requests go round-robin.
	URLs []string
	// Index is the index-name pattern (indexname.Parse); default
	// "logstack-%Y.%m.%d.%H".
	Index string
	// DataStream, when set, is the data stream written instead of Index.
	DataStream string
	// Username and Password enable HTTP basic authentication.
	Username, Password string
	// APIKey is sent as "Authorization: ApiKey <APIKey>".
	APIKey string
	// AWSRegion enables SigV4 signing for AWSService ("es" or "aoss").
	AWSRegion, AWSService string
	// AWSCredentials signs requests; nil loads the AWS default chain when
	// AWSRegion is set.
	AWSCredentials aws.CredentialsProvider
	// CAFile is a PEM bundle trusted besides the system roots.
	CAFile string
	// InsecureSkipVerify accepts any server certificate (tests only).
	InsecureSkipVerify bool
	// BulkMaxEvents and BulkMaxBytes split writes into _bulk requests
	// (defaults 5000 and 5 MiB).
	BulkMaxEvents int
	BulkMaxBytes  int
	// RequestTimeout bounds one HTTP request (default 30s).
	RequestTimeout time.Duration
	// TemplateName, Shards and Replicas shape the index template
	// (defaults "logstack" and 1 shard; Replicas is taken as given, 0
	// meaning none, as on a single-node cluster).
	TemplateName     string
	Shards, Replicas int
	// Fields types more fields in the mapping (store.columns), besides
	// the built-in and load-balancer fields (see mapping.go).
	Fields []Field
	// MaxRetries bounds the retries of bulk items answered 429 or 5xx
	// within one Write (default 8); Write then returns a retryable error
	// and the indexer retries the batch.
	MaxRetries int
	// RetryBase and RetryMax bound the exponential backoff between
	// retries (defaults 100ms and 10s); jitter is added.
	RetryBase, RetryMax time.Duration
	// HTTPClient replaces the client built from the TLS options (tests).
	HTTPClient *http.Client
	// Now gives the time for date math in queries (default time.Now).
	Now func() time.Time
}

// Field gives one event field a mapping type: keyword, text, long, double,
// ip, date or boolean.
type Field struct {
	Field, Type string
}

// withDefaults fills unset options and checks the rest.
func (o Options) withDefaults() (Options, *indexname.Pattern, error) {
	if o.Index == "" {
		o.Index = "logstack-%Y.%m.%d.%H"
	}
	if o.AWSService == "" {
		o.AWSService = "es"
	}
	if o.BulkMaxEvents <= 0 {
		o.BulkMaxEvents = 5000
	}
	if o.BulkMaxBytes <= 0 {
		o.BulkMaxBytes = 5 << 20
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	if o.TemplateName == "" {
		o.TemplateName = "logstack"
	}
	if o.Shards <= 0 {
		o.Shards = 1
	}
	o.Replicas = max(o.Replicas, 0)
	if o.MaxRetries <= 0 {
		o.MaxRetries = 8
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 100 * time.Millisecond
	}
	if o.RetryMax <= 0 {
		o.RetryMax = 10 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	var errs []error
	if len(o.URLs) == 0 {
		errs = append(errs, errors.New("no cluster URL"))
	}
	for i, u := range o.URLs {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			// Not echoed: a URL may hold a password.
			errs = append(errs, fmt.Errorf("URL %d is not an http(s) URL with a host", i+1))
		}
	}
	pat, err := indexname.Parse(o.Index)
	if err != nil && o.DataStream == "" {
		errs = append(errs, err)
	}
	for _, f := range o.Fields {
		if !knownTypes[f.Type] {
			errs = append(errs, fmt.Errorf("field %q: unknown type %q", f.Field, f.Type))
		}
	}
	return o, pat, errors.Join(errs...)
}
