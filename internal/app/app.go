package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/broker"
	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/health"
	"github.com/logstack/logstack/internal/indexer"
	"github.com/logstack/logstack/internal/input/s3hook"
	"github.com/logstack/logstack/internal/input/sqsin"
	"github.com/logstack/logstack/internal/input/tcpin"
	"github.com/logstack/logstack/internal/queue"
	"github.com/logstack/logstack/internal/store"
)

// App is one running logstack process.
type App struct {
	cfg    *config.Config
	log    *slog.Logger
	reg    *prometheus.Registry
	health *health.Registry

	st       store.Store
	q        *queue.Queue
	ix       *indexer.Indexer
	ixCancel context.CancelFunc
	ixDone   chan struct{}
	broker   *broker.Broker
	// alertState is the alerter's state in JetStream, served by the
	// alerts API; nil when the process runs no alerter.
	alertState *alert.KVStore
	tcp        *tcpin.Input
	sqs        *sqsin.Consumer
	s3hook     *s3hook.Hook
	httpSrv    *http.Server
	httpLn     net.Listener
	httpDone   chan error
	bgCancel   context.CancelFunc
	bg         sync.WaitGroup

	cleanups     []func() error
	shutdownOnce sync.Once
	shutdownErr  error
}

// New prepares an App; nothing is opened until Start. The registry is
// served on /metrics; pass a fresh one per App.
func New(cfg *config.Config, logger *slog.Logger, reg *prometheus.Registry) *App {
	return &App{
		cfg:    cfg,
		log:    logger,
		reg:    reg,
		health: health.NewRegistry(3 * time.Second),
	}
}

// Start opens the stack: store, queue, indexer, then the inputs. On failure
// everything already opened is closed again in reverse order.
func (a *App) Start(ctx context.Context) (err error) {
	defer func() {
		if err != nil {
			a.undo()
		}
	}()
	a.cfg.DataDir = a.cfg.AbsPath(a.cfg.DataDir)
	if err := os.MkdirAll(a.cfg.DataDir, 0o755); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	for _, s := range a.steps() {
		if err := s.fn(ctx); err != nil {
			return fmt.Errorf("start %s: %w", s.name, err)
		}
	}
	a.log.Info("logstack started", "role", a.cfg.Role, "http", a.HTTPAddr(), "tcp", a.TCPAddr(), "data_dir", a.cfg.DataDir)
	return nil
}

func (a *App) onStop(f func() error) { a.cleanups = append(a.cleanups, f) }

func (a *App) undo() {
	for i := len(a.cleanups) - 1; i >= 0; i-- {
		if err := a.cleanups[i](); err != nil {
			a.log.Warn("cleanup after failed start", "err", err)
		}
	}
	a.cleanups = nil
}

// HTTPAddr is the address the HTTP server listens on ("" when not started).
func (a *App) HTTPAddr() string {
	if a.httpLn == nil {
		return ""
	}
	return a.httpLn.Addr().String()
}

// TCPAddr is the address of the TCP json_lines input ("" when disabled).
func (a *App) TCPAddr() string {
	if a.tcp == nil {
		return ""
	}
	return a.tcp.Addr().String()
}

// Health is the readiness registry, for embedding programs and tests.
func (a *App) Health() *health.Registry { return a.health }

// Run starts the app, waits for ctx to end, then shuts down within
// drainTimeout.
func Run(ctx context.Context, a *App, drainTimeout time.Duration) error {
	if err := a.Start(ctx); err != nil {
		return err
	}
	select {
	case <-ctx.Done():
	case err := <-a.httpDone:
		a.log.Error("http server stopped", "err", err)
	}
	sctx, cancel := context.WithTimeoutCause(context.Background(), drainTimeout, errors.New("shutdown deadline passed"))
	defer cancel()
	return a.Shutdown(sctx)
}

// Shutdown stops the app in order: readiness fails first (load balancers
// drain during http.shutdown_delay), then the inputs stop accepting and
// finish in-flight requests, the indexer drains what the queue holds until
// ctx ends, and the queue and store are closed. It is idempotent.
func (a *App) Shutdown(ctx context.Context) error {
	a.shutdownOnce.Do(func() { a.shutdownErr = a.shutdown(ctx) })
	return a.shutdownErr
}

func (a *App) shutdown(ctx context.Context) error {
	a.health.Drain()
	if d := time.Duration(a.cfg.HTTP.ShutdownDelay); d > 0 {
		a.log.Info("draining: readiness is failing before inputs stop", "delay", d)
		sleepCtx(ctx, d)
	}
	var errs []error
	if a.httpSrv != nil {
		errs = append(errs, a.httpSrv.Shutdown(ctx))
	}
	if a.tcp != nil {
		errs = append(errs, a.tcp.Shutdown(ctx))
	}
	if a.sqs != nil {
		errs = append(errs, a.sqs.Shutdown(ctx))
	}
	if a.ix != nil {
		a.stopIndexer(ctx)
	}
	if a.bgCancel != nil {
		a.bgCancel()
	}
	a.bg.Wait()
	for i := len(a.cleanups) - 1; i >= 0; i-- {
		errs = append(errs, a.cleanups[i]())
	}
	a.cleanups = nil
	err := errors.Join(errs...)
	a.log.Info("logstack stopped", "err", err)
	return err
}

// stopIndexer drains the queue in role all, where this process is the
// only indexer and its inputs have stopped; an indexer sharing the queue
// with others only finishes the batches in hand and leaves the rest to
// them, since brokers may keep the queue from ever being empty.
func (a *App) stopIndexer(ctx context.Context) {
	if a.cfg.Role == config.RoleAll {
		if err := a.ix.Drain(ctx); err != nil {
			a.log.Warn("indexer did not drain the queue before the deadline; the rest stays queued", "err", err)
		}
	} else if err := a.ix.Stop(ctx); err != nil {
		a.log.Warn("indexer did not finish its batches before the deadline; they will be redelivered", "err", err)
	}
	a.ixCancel()
	<-a.ixDone
}

func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func metricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}
