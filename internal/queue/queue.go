package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// drainTimeout bounds how long Close waits for in-flight requests.
const drainTimeout = 10 * time.Second

// Queue is the durable queue handle shared by the broker (Publish), the
// indexer (Consumer, DeadLetter) and health checks (Ping, Stats); it is safe
// for concurrent use.
type Queue struct {
	cfg     Config
	log     *slog.Logger
	srv     *server.Server // nil when connected to an external server
	nc      *nats.Conn
	ncDone  chan struct{} // closed when nc is closed
	js      jetstream.JetStream
	stream  jetstream.Stream
	dlq     jetstream.Stream
	disk    *diskGuard   // nil when the check does not apply
	unlock  func() error // releases Dir; nil when external
	metrics *metrics
	reg     prometheus.Registerer

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

// Open starts the embedded server (or connects to cfg.URL), creates or
// updates the streams and registers the metrics on reg; it returns only a
// queue that can accept writes, so that start-up fails early. A nil logger
// discards logs and a nil reg keeps the metrics private.
func Open(ctx context.Context, cfg Config, logger *slog.Logger, reg prometheus.Registerer) (*Queue, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	q := &Queue{
		cfg:    cfg.withDefaults(),
		log:    logger.With("component", "queue"),
		ncDone: make(chan struct{}),
		reg:    reg,
	}
	if err := q.open(ctx); err != nil {
		return nil, errors.Join(err, q.Close())
	}
	return q, nil
}

// open does the start-up steps; Close undoes whatever was done.
func (q *Queue) open(ctx context.Context) error {
	var err error
	if q.cfg.embedded() {
		if q.unlock, err = lockDir(q.cfg.Dir); err != nil {
			return err
		}
		if q.srv, err = startEmbedded(ctx, q.cfg, q.log); err != nil {
			return err
		}
		q.disk = newDiskGuard(q.cfg.Dir, q.cfg.MinFreeDisk)
	}
	if q.nc, err = connect(q.cfg, q.srv, q.log, q.ncDone); err != nil {
		return err
	}
	if need := q.cfg.MaxMsgSize + headerRoom; q.nc.MaxPayload() < need {
		return fmt.Errorf("queue: server max_payload %d is below max_msg_size plus headers (%d)", q.nc.MaxPayload(), need)
	}
	if q.js, err = jetstream.New(q.nc); err != nil {
		return fmt.Errorf("queue: jetstream: %w", err)
	}
	if q.stream, q.dlq, err = ensureStreams(ctx, q.js, q.cfg); err != nil {
		return err
	}
	q.metrics = newMetrics(q)
	if err := q.metrics.register(q.reg); err != nil {
		q.metrics = nil
		return fmt.Errorf("queue: metrics: %w", err)
	}
	q.warnIneffective()
	q.log.Info("queue open", "stream", q.cfg.Stream, "embedded", q.cfg.embedded(), "url", q.ClientURL())
	return nil
}

// ClientURL is where other processes connect: the embedded server's listen
// address (useful with port 0), cfg.URL when external, or "" when the
// embedded server does not listen.
func (q *Queue) ClientURL() string {
	switch {
	case q.srv == nil:
		return q.cfg.URL
	case q.cfg.Listen == "":
		return ""
	}
	return q.srv.ClientURL()
}

// JetStream is the queue's JetStream context, for components that keep
// their state in the same NATS server (the alerter's key-value buckets),
// so no second connection or server is needed.
func (q *Queue) JetStream() jetstream.JetStream { return q.js }

// Close drains the connection (in-flight acks and publishes finish) and
// shuts the embedded server down cleanly, so that the file store is
// consistent on the next start. It is idempotent and safe on a nil Queue.
func (q *Queue) Close() error {
	if q == nil {
		return nil
	}
	q.closeOnce.Do(func() {
		q.closed.Store(true)
		if q.metrics != nil {
			q.metrics.unregister(q.reg)
		}
		q.closeErr = q.closeConn()
		if q.srv != nil {
			q.srv.Shutdown()
			q.srv.WaitForShutdown()
		}
		if q.unlock != nil {
			q.closeErr = errors.Join(q.closeErr, q.unlock())
		}
	})
	return q.closeErr
}

// closeConn drains the client connection and waits until it is closed.
func (q *Queue) closeConn() error {
	if q.nc == nil {
		return nil
	}
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		if errors.Is(err, nats.ErrConnectionClosed) {
			return nil
		}
		return fmt.Errorf("queue: drain: %w", err)
	}
	select {
	case <-q.ncDone:
		return nil
	case <-time.After(drainTimeout):
		q.nc.Close()
		return fmt.Errorf("queue: drain did not finish within %s", drainTimeout)
	}
}

// usable returns ErrClosed once Close has begun, so calls fail fast.
func (q *Queue) usable() error {
	if q.closed.Load() {
		return ErrClosed
	}
	return nil
}

// warnIneffective logs settings that do not do what they seem to.
func (q *Queue) warnIneffective() {
	if !q.cfg.embedded() && q.cfg.Sync == SyncAlways {
		q.log.Warn("queue sync=always has no effect on an external server; set sync_always in its config")
	}
	if q.cfg.embedded() && q.cfg.Listen != "" && q.cfg.Token == "" {
		q.log.Warn("queue listens without a token; anyone who can connect can read and write the queue", "listen", q.cfg.Listen)
	}
}
