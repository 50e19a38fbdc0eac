package tcpin

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultMaxLineBytes   = 1 << 20
	DefaultBatchEvents    = 1000
	DefaultBatchWait      = time.Second
	DefaultMaxConnections = 1024
)

// inputName labels metrics and is passed to the Publisher.
const inputName = "tcp"

// Config is what the TCP input needs from the configuration.
type Config struct {
	// Addr is the listen address, e.g. ":5000".
	Addr string
	// TLS, when set, makes the input accept TLS connections only.
	TLS *tls.Config
	// MaxLineBytes bounds a line; the excess of a longer line is discarded.
	MaxLineBytes int
	// BatchEvents and BatchWait bound a batch: it is published when it has
	// BatchEvents events or BatchWait after its first line, whichever comes
	// first, so a slow sender's lines do not wait for company forever.
	BatchEvents int
	BatchWait   time.Duration
	// MaxConnections bounds concurrent client connections; further ones are
	// accepted and closed at once.
	MaxConnections int
	// Limits applies to every line parsed.
	Limits event.Limits
}

// Input is the TCP json_lines input. Start it once; Shutdown is idempotent
// and safe without Start.
type Input struct {
	cfg     Config
	pub     input.Publisher
	log     *slog.Logger
	m       *metrics
	backoff backoff
	probes  *probeSet
	errLog  input.Throttle

	mu       sync.Mutex
	ln       net.Listener
	stopping bool
	conns    map[*conn]struct{}

	loopDone chan struct{}
	loopErr  error          // why the accept loop ended, read after loopDone
	wg       sync.WaitGroup // connection goroutines

	// base is the context publishes run under; it is canceled when the
	// shutdown deadline passes, ending retries.
	base       context.Context
	cancelBase context.CancelFunc

	shutdownOnce sync.Once
	shutdownErr  error
}

// New returns the input; nothing listens until Start.
func New(cfg Config, pub input.Publisher, logger *slog.Logger, reg prometheus.Registerer) *Input {
	if cfg.MaxLineBytes <= 0 {
		cfg.MaxLineBytes = DefaultMaxLineBytes
	}
	if cfg.BatchEvents <= 0 {
		cfg.BatchEvents = DefaultBatchEvents
	}
	if cfg.BatchWait <= 0 {
		cfg.BatchWait = DefaultBatchWait
	}
	if cfg.MaxConnections <= 0 {
		cfg.MaxConnections = DefaultMaxConnections
	}
	return &Input{
		cfg:      cfg,
		pub:      pub,
		log:      logger.With("component", "input.tcp"),
		m:        newMetrics(reg),
		backoff:  backoff{min: 50 * time.Millisecond, max: 5 * time.Second},
		probes:   newProbeSet(),
		conns:    map[*conn]struct{}{},
		loopDone: make(chan struct{}),
		errLog:   input.Throttle{Every: 10 * time.Second},
	}
}

// Start listens on Config.Addr and returns once the listener is open, so
// that a failure to bind fails the start-up. ctx only bounds the start.
func (in *Input) Start(ctx context.Context) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.ln != nil || in.stopping {
		return errors.New("tcp input: already started or shut down")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", in.cfg.Addr)
	if err != nil {
		return fmt.Errorf("tcp input: %w", err)
	}
	if in.cfg.TLS != nil {
		ln = tls.NewListener(ln, in.cfg.TLS)
	}
	in.ln = ln
	in.base, in.cancelBase = context.WithCancel(context.WithoutCancel(ctx))
	go in.acceptLoop(ln)
	in.log.Info("listening", "addr", ln.Addr().String(), "tls", in.cfg.TLS != nil)
	return nil
}

// Addr is the address the input listens on (nil before Start), useful when
// Config.Addr asked for port 0.
func (in *Input) Addr() net.Addr {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.ln == nil {
		return nil
	}
	return in.ln.Addr()
}

// Shutdown stops accepting, makes every connection stop reading, publish
// the complete lines it holds and close, and waits for them until ctx ends.
// Past that deadline, retries are abandoned and their events counted lost.
func (in *Input) Shutdown(ctx context.Context) error {
	in.shutdownOnce.Do(func() { in.shutdownErr = in.shutdown(ctx) })
	return in.shutdownErr
}

func (in *Input) shutdown(ctx context.Context) error {
	in.mu.Lock()
	in.stopping = true
	ln := in.ln
	conns := make([]*conn, 0, len(in.conns))
	for c := range in.conns {
		conns = append(conns, c)
	}
	in.mu.Unlock()
	if ln == nil {
		return nil
	}
	_ = ln.Close()
	<-in.loopDone
	for _, c := range conns {
		c.stop()
	}
	done := make(chan struct{})
	go func() { in.wg.Wait(); close(done) }()
	defer in.cancelBase()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		in.cancelBase()
		<-done
		return fmt.Errorf("tcp input shutdown: %w", context.Cause(ctx))
	}
}
