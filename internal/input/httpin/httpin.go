package httpin

import (
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultMaxBodyBytes        = 10 << 20
	DefaultMaxEventsPerRequest = 10000
)

// Input names used in metric labels and passed to the Publisher.
const (
	inputHTTP = "http"
	inputBulk = "bulk"
)

// Config is what the HTTP input needs from the configuration.
type Config struct {
	// MaxBodyBytes bounds a request body, compressed and decompressed, so
	// that a small gzip bomb cannot exhaust memory. Zero means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxEventsPerRequest bounds the events of one request, and with it the
	// size of the one Publish call a request becomes. Zero means
	// DefaultMaxEventsPerRequest.
	MaxEventsPerRequest int
	// Limits applies to every event parsed.
	Limits event.Limits
	// IngestAuth guards POST /ingest; BulkAuth guards the Elasticsearch API.
	// Nil or empty means open.
	IngestAuth, BulkAuth *auth.Keys
	// IngestEnabled and BulkEnabled select the endpoints Register mounts.
	IngestEnabled, BulkEnabled bool
	// Version is logstack's version, reported in the GET / document.
	Version string
}

// Input serves the HTTP endpoints. Its handlers are safe for concurrent use.
type Input struct {
	cfg    Config
	pub    input.Publisher
	log    *slog.Logger
	m      *metrics
	seq    atomic.Int64 // _seq_no of bulk items, unique per process
	now    func() time.Time
	errLog input.Throttle
}

// New returns the HTTP input; nothing is served until Register mounts it.
func New(cfg Config, pub input.Publisher, logger *slog.Logger, reg prometheus.Registerer) *Input {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxEventsPerRequest <= 0 {
		cfg.MaxEventsPerRequest = DefaultMaxEventsPerRequest
	}
	in := &Input{
		cfg: cfg,
		pub: pub,
		log: logger.With("component", "input.http"),
		m:   newMetrics(reg),
		now: time.Now,
	}
	in.errLog.Every = 10 * time.Second
	registerAuth(reg, cfg.IngestAuth, "ingest")
	registerAuth(reg, cfg.BulkAuth, "bulk")
	return in
}

// Register mounts the enabled endpoints on mux with Go 1.22 method
// patterns. The Elasticsearch API claims "/" and two-segment paths ending in
// "/_bulk", so mount it on a mux without catch-all prefix patterns.
func (in *Input) Register(mux *http.ServeMux) {
	if in.cfg.IngestEnabled {
		h := in.guard(inputHTTP, in.cfg.IngestAuth, auth.Deny, http.HandlerFunc(in.ingest))
		mux.Handle("POST /ingest", in.instrument(inputHTTP, h))
	}
	if in.cfg.BulkEnabled {
		in.registerES(mux)
	}
}

// guard checks the keys before h and counts refusals as rejected requests.
func (in *Input) guard(name string, keys *auth.Keys, deny func(http.ResponseWriter, error), h http.Handler) http.Handler {
	if !keys.Enabled() {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := keys.Authenticate(r); err != nil {
			in.m.rejected.WithLabelValues(name, reasonAuth).Inc()
			deny(w, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}
