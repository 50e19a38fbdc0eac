package config

import (
	"os"
	"path/filepath"
	"time"
)

// Config is the whole effective configuration of a logstack process: the
// base file with the environment overlay merged over it, tokens replaced
// and defaults filled in. The yaml tags are the file's keys.
type Config struct {
	// Env is the selected environment name. Load sets it; a value in the
	// file is accepted and overwritten.
	Env string `yaml:"env"`
	// Vars holds the values of @@KEY@@ tokens; the overlay's entries win
	// over the base file's.
	Vars map[string]string `yaml:"vars"`
	// DataDir holds everything logstack persists (queue, store) unless a
	// component's own path says otherwise; relative to the config file.
	DataDir string `yaml:"data_dir"`
	// Role selects what this process runs (all, broker, indexer, alerter),
	// so one binary and one config scale out into separate processes that
	// share an external queue (issue 4, docs/SCALE-OUT.md).
	Role string `yaml:"role"`
	// Log configures the process logger.
	Log Log `yaml:"log"`
	// HTTP configures the one HTTP server that hosts the HTTP inputs, the
	// search API, health and metrics.
	HTTP HTTP `yaml:"http"`
	// Inputs configures the ways events come in.
	Inputs Inputs `yaml:"inputs"`
	// Queue configures the durable NATS JetStream queue between inputs and
	// the indexer.
	Queue Queue `yaml:"queue"`
	// Indexer configures the consumer that moves events from the queue to
	// the store.
	Indexer Indexer `yaml:"indexer"`
	// Store configures where events are kept and searched.
	Store Store `yaml:"store"`
	// API configures the read side: search and aggregation.
	API API `yaml:"api"`
	// S3 configures the client for log objects in S3 (issue 3).
	S3 S3 `yaml:"s3"`
	// Alerting locates alarm and rule files (docs/LINT.md) and configures
	// the alerter: evaluation, notifiers, escalation, lease (issue 5).
	Alerting Alerting `yaml:"alerting"`

	baseFile string            // the base config file as read; "" when none was
	baseDir  string            // absolute directory that relative paths are resolved against
	origins  map[string]origin // where each setting was last set, for Validate's problems
}

// origin is the place in a file that set a value.
type origin struct {
	file      string
	line, col int
}

// Log configures the process logger.
type Log struct {
	// Level is the minimum level logged: debug, info, warn or error.
	Level string `yaml:"level"`
	// Format is json (one object per line, for collectors) or text.
	Format string `yaml:"format"`
}

// HTTP configures the HTTP server.
type HTTP struct {
	// Addr is the host:port to listen on; port 0 picks a free port.
	Addr string `yaml:"addr"`
	// TLS turns on HTTPS when its cert_file is set.
	TLS TLS `yaml:"tls"`
	// MaxBodyBytes bounds a request body after decompression, so one
	// request cannot exhaust memory.
	MaxBodyBytes ByteSize `yaml:"max_body_bytes"`
	// ShutdownDelay is how long /readyz answers 503 before inputs stop on
	// shutdown, so load balancers take the instance out of rotation first.
	ShutdownDelay Duration `yaml:"shutdown_delay"`
	// ReadTimeout bounds reading one request, headers and body, so slow
	// clients cannot hold connections forever.
	ReadTimeout Duration `yaml:"read_timeout"`
	// Pprof serves Go's profiler under /debug/pprof/ for diagnosing CPU and
	// memory use in production; off by default because it exposes internals.
	Pprof bool `yaml:"pprof"`
}

// TLS configures a TLS listener. It is enabled when CertFile is set;
// CertFile and KeyFile go together.
type TLS struct {
	// CertFile is the PEM certificate chain.
	CertFile string `yaml:"cert_file"`
	// KeyFile is the PEM private key of CertFile.
	KeyFile string `yaml:"key_file"`
	// ClientCAFile, when set, requires clients to present a certificate
	// signed by one of its CAs (mutual TLS).
	ClientCAFile string `yaml:"client_ca_file"`
}

// Enabled reports whether the listener should serve TLS.
func (t TLS) Enabled() bool { return t.CertFile != "" }

// Inputs configures the ways events come in.
type Inputs struct {
	// HTTP is POST /ingest (JSON object, array or NDJSON).
	HTTP HTTPInput `yaml:"http"`
	// Bulk is the Elasticsearch-compatible POST /_bulk.
	Bulk BulkInput `yaml:"bulk"`
	// TCP is the Logstash-compatible tcp input with the json_lines codec.
	TCP TCPInput `yaml:"tcp"`
	// SQS consumes S3 event notifications from an SQS queue.
	SQS SQSInput `yaml:"sqs"`
	// S3Webhook receives S3 event notifications over HTTP (MinIO, SNS).
	S3Webhook S3WebhookInput `yaml:"s3_webhook"`
	// Limits apply to events from every input.
	Limits Limits `yaml:"limits"`
}

// HTTPInput configures POST /ingest.
type HTTPInput struct {
	// Enabled mounts the endpoint.
	Enabled bool `yaml:"enabled"`
	// Auth requires an API key when any key is configured.
	Auth Auth `yaml:"auth"`
	// MaxEventsPerRequest bounds the events in one request body.
	MaxEventsPerRequest int `yaml:"max_events_per_request"`
}

// API configures the search and aggregation endpoints. With auth set they
// ask for an API key like the inputs do, for stacks reachable from outside.
type API struct {
	// Auth holds the keys /api/v1/* accepts; none means open.
	Auth Auth `yaml:"auth"`
}

// BulkInput configures the Elasticsearch bulk API endpoints.
type BulkInput struct {
	// Enabled mounts the endpoints.
	Enabled bool `yaml:"enabled"`
	// Auth requires an API key when any key is configured.
	Auth Auth `yaml:"auth"`
}

// TCPInput configures the newline-delimited JSON TCP listener.
type TCPInput struct {
	// Enabled starts the listener.
	Enabled bool `yaml:"enabled"`
	// Addr is the host:port to listen on; port 0 picks a free port.
	Addr string `yaml:"addr"`
	// TLS turns on TLS when its cert_file is set.
	TLS TLS `yaml:"tls"`
	// MaxLineBytes bounds one line (one event); longer lines are dropped
	// and counted.
	MaxLineBytes ByteSize `yaml:"max_line_bytes"`
	// BatchEvents is how many events are published to the queue at once.
	BatchEvents int `yaml:"batch_events"`
	// BatchWait is how long a partial batch waits for more events.
	BatchWait Duration `yaml:"batch_wait"`
	// MaxConnections bounds concurrent connections.
	MaxConnections int `yaml:"max_connections"`
}

// Limits apply to events from every input.
type Limits struct {
	// MaxDepth bounds JSON nesting, so a hostile event cannot exhaust the
	// stack or the store's schema.
	MaxDepth int `yaml:"max_depth"`
}

// Auth configures API-key authentication for one input. It is on when any
// key is configured.
type Auth struct {
	// APIKeys are accepted keys; each must be written as ${VAR}.
	APIKeys []Secret `yaml:"api_keys"`
	// APIKeyFiles are files with one accepted key per non-empty line.
	APIKeyFiles []string `yaml:"api_key_files"`
}

// Enabled reports whether requests must carry an API key.
func (a Auth) Enabled() bool { return len(a.APIKeys) > 0 || len(a.APIKeyFiles) > 0 }

// Queue configures the NATS JetStream queue.
type Queue struct {
	// URL of an external NATS server (comma-separated for a cluster);
	// empty runs an embedded server with its files under data_dir.
	URL string `yaml:"url"`
	// Listen lets other processes connect to the embedded server
	// (e.g. "127.0.0.1:4222"); empty keeps it in-process only.
	Listen string `yaml:"listen"`
	// Stream is the JetStream stream name.
	Stream string `yaml:"stream"`
	// MaxBytes bounds the stream; when full, new messages are rejected
	// (backpressure), old ones are never discarded.
	MaxBytes ByteSize `yaml:"max_bytes"`
	// MaxMessageBytes bounds one queue message (one request chunk).
	MaxMessageBytes ByteSize `yaml:"max_message_bytes"`
	// Sync is "default" (the server's periodic fsync) or "always" (fsync
	// every write: slower, survives power loss).
	Sync string `yaml:"sync"`
	// MinFreeDisk makes the queue reject writes before the disk fills up.
	MinFreeDisk ByteSize `yaml:"min_free_disk"`
	// DuplicateWindow is how long JetStream remembers message ids to drop
	// retried publishes.
	DuplicateWindow Duration `yaml:"duplicate_window"`
	// CredentialsFile is a NATS .creds file for an external server.
	CredentialsFile string `yaml:"credentials_file"`
	// Token authenticates to the server; write it as ${VAR} or use
	// TokenFile.
	Token Secret `yaml:"token"`
	// TokenFile is a file holding Token; Load reads it into Token.
	TokenFile string `yaml:"token_file"`
}

// Indexer configures the queue consumer that writes to the store.
type Indexer struct {
	// Enabled runs the indexer in this process.
	Enabled bool `yaml:"enabled"`
	// BatchEvents is how many events one store write holds at most.
	BatchEvents int `yaml:"batch_events"`
	// BatchWait is how long a partial batch waits for more events.
	BatchWait Duration `yaml:"batch_wait"`
	// AckWait is how long the queue waits for an ack before redelivering;
	// it must exceed batch_wait plus a store write.
	AckWait Duration `yaml:"ack_wait"`
	// MaxDeliveries dead-letters a message after this many deliveries;
	// 0 retries forever.
	MaxDeliveries int `yaml:"max_deliveries"`
}

// Store configures the event store.
type Store struct {
	// Type selects the backend: "duckdb" (embedded, the default) or
	// "elasticsearch" (an Elasticsearch or OpenSearch cluster).
	Type string `yaml:"type"`
	// Retention is how long events are kept (at least 1h).
	Retention Duration `yaml:"retention"`
	// RetentionInterval is how often expired events are deleted.
	RetentionInterval Duration `yaml:"retention_interval"`
	// DuckDB configures the embedded DuckDB backend.
	DuckDB DuckDB `yaml:"duckdb"`
	// Elasticsearch configures the Elasticsearch/OpenSearch backend.
	Elasticsearch Elasticsearch `yaml:"elasticsearch"`
	// Columns are extra typed columns promoted from events, on top of the
	// store's own defaults.
	Columns []Column `yaml:"columns"`
}

// DuckDB configures the embedded DuckDB store.
type DuckDB struct {
	// Path is the database directory; empty means <data_dir>/store.
	Path string `yaml:"path"`
	// MemoryLimit caps DuckDB's memory (default 1 GiB: searches over ten
	// million events meet their bars with it, and without a cap DuckDB
	// takes up to 80 % of the machine's memory while indexing); 0 keeps
	// DuckDB's own default.
	MemoryLimit ByteSize `yaml:"memory_limit"`
	// Threads caps DuckDB's threads; 0 keeps DuckDB's default.
	Threads int `yaml:"threads"`
}

// Column promotes one event field to a typed store column, so queries and
// aggregations on it are fast and typed.
type Column struct {
	// Field is the dotted event field, e.g. "http.status".
	Field string `yaml:"field"`
	// Type is keyword, text, long, double, ip, date or boolean.
	Type string `yaml:"type"`
}

// Default returns the configuration used when no file sets anything; every
// Load starts from it.
func Default() *Config {
	c := &Config{
		Env:     DefaultEnv,
		Vars:    map[string]string{},
		DataDir: "./data",
		Role:    RoleAll,
		Log:     Log{Level: "info", Format: "text"},
		HTTP: HTTP{
			Addr:         "127.0.0.1:9280",
			MaxBodyBytes: 10 * MiB,
			ReadTimeout:  Duration(30 * time.Second),
		},
		Inputs: Inputs{
			HTTP: HTTPInput{Enabled: true, MaxEventsPerRequest: 100000},
			Bulk: BulkInput{Enabled: true},
			TCP: TCPInput{
				Enabled:        true,
				Addr:           "127.0.0.1:5000",
				MaxLineBytes:   MiB,
				BatchEvents:    1000,
				BatchWait:      Duration(50 * time.Millisecond),
				MaxConnections: 1000,
			},
			Limits: Limits{MaxDepth: 64},
		},
		Queue: Queue{
			Stream:          "logstack",
			MaxBytes:        GiB,
			MaxMessageBytes: 8 * MiB,
			Sync:            "default",
			MinFreeDisk:     512 * MiB,
			DuplicateWindow: Duration(2 * time.Minute),
		},
		Indexer: Indexer{
			Enabled:     true,
			BatchEvents: 20000,
			BatchWait:   Duration(200 * time.Millisecond),
			AckWait:     Duration(60 * time.Second),
		},
		Alerting: defaultAlerting(),
		Store: Store{
			Type:              "duckdb",
			Retention:         Duration(14 * Day),
			RetentionInterval: Duration(time.Hour),
			DuckDB:            DuckDB{MemoryLimit: GiB},
			Elasticsearch:     defaultElasticsearch(),
		},
	}
	defaultS3Inputs(&c.Inputs)
	return c
}

// BaseFile returns the base config file that Load read, as it was given,
// or "" when there was none and only defaults and the overlay apply.
func (c *Config) BaseFile() string { return c.baseFile }

// AbsPath resolves a path from the configuration: relative paths are
// relative to the directory of the base config file (the working directory
// at Load time when there was none), so a config works the same from any
// working directory. An empty path stays empty.
func (c *Config) AbsPath(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	dir := c.baseDir
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return p
		}
		dir = wd
	}
	return filepath.Join(dir, p)
}
