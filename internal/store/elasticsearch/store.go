package elasticsearch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/elasticsearch/indexname"
)

// ErrClosed is returned by every method after Close.
var ErrClosed = fmt.Errorf("elasticsearch store closed: %w", store.ErrPermanent)

// Store keeps events in an Elasticsearch or OpenSearch cluster.
type Store struct {
	opts    Options
	pattern *indexname.Pattern // nil with a data stream
	glob    string             // every index (or the data stream) the store owns
	types   map[string]string  // mapped field types
	c       *client
	cluster cluster
	log     *slog.Logger
	m       *metrics
	dyn     dynamicTypes
	closed  atomic.Bool
}

var _ store.Store = (*Store)(nil)

// Open connects to the cluster, detects its flavour and version, and
// installs the index template (and the data stream) when they are missing
// or outdated. An unreachable cluster is a retryable error; an unsupported
// one, or options that cannot work, a permanent one.
func Open(ctx context.Context, opts Options, log *slog.Logger, reg prometheus.Registerer) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "store", "backend", "elasticsearch")
	o, pat, err := opts.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("elasticsearch options: %w: %w", store.ErrPermanent, err)
	}
	hc, err := newHTTPClient(o)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", store.ErrPermanent, err)
	}
	auth, err := newAuthenticator(ctx, o)
	if err != nil {
		return nil, err
	}
	s := &Store{opts: o, types: fieldTypes(o.Fields), log: log,
		c: &client{urls: o.URLs, http: hc, auth: auth, timeout: o.RequestTimeout}}
	if o.DataStream != "" {
		s.glob = o.DataStream
	} else {
		s.pattern, s.glob = pat, pat.Glob()
	}
	if s.serverless() {
		// OpenSearch Serverless has no GET / (nor _refresh): it is
		// OpenSearch 2 with composable templates.
		s.cluster = cluster{OpenSearch: true, Major: 2, Number: "2 (Serverless)"}
	} else if s.cluster, err = detect(ctx, s.c); err != nil {
		return nil, err
	}
	if o.DataStream != "" && !s.cluster.dataStreams() {
		return nil, fmt.Errorf("%w: data streams need Elasticsearch 7.9 or later, the cluster is %s", store.ErrPermanent, s.cluster)
	}
	if err := s.installTemplate(ctx, log); err != nil {
		return nil, err
	}
	if o.DataStream != "" {
		if err := s.ensureDataStream(ctx); err != nil {
			return nil, err
		}
	}
	if s.m, err = newMetrics(reg); err != nil {
		return nil, err
	}
	log.Info("elasticsearch store open", "cluster", s.cluster.String(), "target", s.glob)
	return s, nil
}

// Cluster describes the cluster, e.g. "OpenSearch 2.11.0".
func (s *Store) Cluster() string { return s.cluster.String() }

// Refresh makes every write so far visible to searches (POST _refresh),
// which the cluster otherwise does about once a second; tests and
// read-after-write callers use it.
func (s *Store) Refresh(ctx context.Context) error {
	if s.closed.Load() {
		return ErrClosed
	}
	_, err := s.c.do(ctx, "POST", "/"+s.glob+"/_refresh?ignore_unavailable=true&allow_no_indices=true", nil)
	if err != nil {
		return fmt.Errorf("refresh: %w", err)
	}
	return nil
}

// serverless reports whether the target is OpenSearch Serverless.
func (s *Store) serverless() bool { return s.opts.AWSRegion != "" && s.opts.AWSService == "aoss" }

// Ping reports whether the cluster answers (GET /, or listing the
// store's indices on OpenSearch Serverless), for readiness: a remote
// store can be unreachable while nothing is being written.
func (s *Store) Ping(ctx context.Context) error {
	if s.closed.Load() {
		return ErrClosed
	}
	var err error
	if s.serverless() {
		_, err = s.indices(ctx)
	} else {
		_, err = s.c.do(ctx, "GET", "/", nil)
	}
	if err != nil {
		return fmt.Errorf("elasticsearch unreachable: %w", err)
	}
	return nil
}

// Close releases idle connections and the metrics. It is safe to call
// more than once; the cluster keeps everything written.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.m.unregister()
	if t, ok := s.c.http.Transport.(*http.Transport); ok && s.opts.HTTPClient == nil {
		t.CloseIdleConnections()
	}
	return nil
}

// observe records an operation's latency.
func (s *Store) observe(op string, start time.Time) {
	s.m.latency.WithLabelValues(op).Observe(time.Since(start).Seconds())
}

// isRetryable reports whether err is worth retrying.
func isRetryable(err error) bool { return err != nil && !errors.Is(err, store.ErrPermanent) }
