package app

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"time"

	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/broker"
	"github.com/logstack/logstack/internal/buildinfo"
	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/health"
	"github.com/logstack/logstack/internal/indexer"
	"github.com/logstack/logstack/internal/input/httpin"
	"github.com/logstack/logstack/internal/input/tcpin"
	"github.com/logstack/logstack/internal/queue"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/duckdb"
)

// startStore opens the configured store backend and registers its close
// and health check, the same for every backend.
func (a *App) startStore(ctx context.Context) error {
	open := a.openDuckDB
	if a.cfg.Store.Type == "elasticsearch" {
		open = a.openElasticsearch
	}
	st, err := open(ctx)
	if err != nil {
		return err
	}
	a.st = st
	a.onStop(st.Close)
	a.addStoreCheck()
	return nil
}

// openDuckDB opens the embedded DuckDB store of store.duckdb, the default.
func (a *App) openDuckDB(ctx context.Context) (store.Store, error) {
	c := a.cfg.Store
	path := c.DuckDB.Path
	if path == "" {
		path = filepath.Join(a.cfg.DataDir, "store", "logstack.duckdb")
	}
	cols := make([]duckdb.Column, len(c.Columns))
	for i, col := range c.Columns {
		cols[i] = duckdb.Column{Field: col.Field, Type: col.Type}
	}
	st, err := duckdb.Open(ctx, duckdb.Options{
		Path:        path,
		MemoryLimit: int64(c.DuckDB.MemoryLimit),
		Threads:     c.DuckDB.Threads,
		Columns:     cols,
	}, a.log, a.reg)
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (a *App) startQueue(ctx context.Context) error {
	c := a.cfg.Queue
	q, err := queue.Open(ctx, queue.Config{
		URL:             c.URL,
		Listen:          c.Listen,
		Dir:             filepath.Join(a.cfg.DataDir, "queue"),
		Stream:          c.Stream,
		MaxBytes:        int64(c.MaxBytes),
		MaxMsgSize:      int64(c.MaxMessageBytes),
		MinFreeDisk:     int64(c.MinFreeDisk),
		Sync:            c.Sync,
		DuplicateWindow: time.Duration(c.DuplicateWindow),
		Token:           c.Token.Value(),
		CredentialsFile: c.CredentialsFile,
	}, a.log, a.reg)
	if err != nil {
		return err
	}
	a.q = q
	a.onStop(q.Close)
	a.health.Add("queue", a.queueCheck)
	return nil
}

func (a *App) startIndexer(ctx context.Context) error {
	c := a.cfg.Indexer
	if !c.Enabled {
		return nil
	}
	cons, err := a.q.Consumer(ctx, "indexer", queue.ConsumerOptions{
		AckWait:    time.Duration(c.AckWait),
		MaxDeliver: c.MaxDeliveries,
	})
	if err != nil {
		return err
	}
	a.ix = indexer.New(indexer.Config{
		BatchEvents: c.BatchEvents,
		BatchWait:   time.Duration(c.BatchWait),
		AckWait:     time.Duration(c.AckWait),
		Backlog:     a.backlog,
	}, cons, a.st, a.q, a.log, a.reg)
	ixCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	a.ixCancel = cancel
	a.ixDone = make(chan struct{})
	go func() {
		defer close(a.ixDone)
		a.ix.Run(ixCtx)
	}()
	a.onStop(func() error { cancel(); <-a.ixDone; return nil })
	a.health.Add("indexer", a.ix.Check)
	return nil
}

// backlog is how many messages wait for the indexer consumer.
func (a *App) backlog(ctx context.Context) (uint64, error) {
	st, err := a.q.Stats(ctx)
	if err != nil {
		return 0, err
	}
	for _, c := range st.Consumers {
		if c.Name == "indexer" {
			return c.Pending + uint64(c.AckPending), nil
		}
	}
	return st.Messages, nil
}

// startRetention drops expired partitions now and then every
// store.retention_interval.
func (a *App) startRetention(ctx context.Context) error {
	c := a.cfg.Store
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	a.bgCancel = cancel
	a.bg.Go(func() {
		t := time.NewTicker(time.Duration(c.RetentionInterval))
		defer t.Stop()
		for {
			cutoff := time.Now().Add(-time.Duration(c.Retention))
			if d, err := a.st.DeleteOlderThan(bg, cutoff); err != nil && bg.Err() == nil {
				a.log.Warn("retention failed", "err", err)
			} else if d.Partitions > 0 {
				a.log.Info("retention dropped partitions", "partitions", d.Partitions, "events", d.Events, "cutoff", cutoff)
			}
			select {
			case <-bg.Done():
				return
			case <-t.C:
			}
		}
	})
	return nil
}

// publisher is the one broker every input shares, created on first use.
func (a *App) publisher() *broker.Broker {
	if a.broker == nil {
		a.broker = broker.New(a.q, int(a.cfg.Queue.MaxMessageBytes), a.log, a.reg)
	}
	return a.broker
}

func (a *App) startTCP(ctx context.Context) error {
	c := a.cfg.Inputs.TCP
	if !c.Enabled {
		return nil
	}
	tlsCfg, err := serverTLS(a.cfg, c.TLS)
	if err != nil {
		return err
	}
	in := tcpin.New(tcpin.Config{
		Addr:           c.Addr,
		TLS:            tlsCfg,
		MaxLineBytes:   int(c.MaxLineBytes),
		BatchEvents:    c.BatchEvents,
		BatchWait:      time.Duration(c.BatchWait),
		MaxConnections: c.MaxConnections,
		Limits:         event.Limits{MaxDepth: a.cfg.Inputs.Limits.MaxDepth},
	}, a.publisher(), a.log, a.reg)
	if err := in.Start(ctx); err != nil {
		return err
	}
	a.tcp = in
	a.health.Add("input.tcp", in.Check)
	return nil
}

func (a *App) startHTTP(ctx context.Context) error {
	mux := http.NewServeMux()
	if a.cfg.RunsInputs() {
		if err := a.mountInputs(mux); err != nil {
			return err
		}
	}
	if a.st != nil || a.q != nil {
		apiKeys, err := loadKeys(a.cfg, a.cfg.API.Auth)
		if err != nil {
			return fmt.Errorf("api.auth: %w", err)
		}
		if a.st != nil {
			api.New(a.st, a.log).Register(mux, apiKeys.Middleware)
		}
		if a.q != nil {
			api.NewDeadLetters(a.q, a.log).Register(mux, apiKeys.Middleware)
		}
		if a.alertState != nil {
			api.NewAlerts(a.alertState, a.log).Register(mux, apiKeys.Middleware)
		}
	}
	mux.Handle("GET /healthz", health.LiveHandler())
	mux.Handle("GET /readyz", a.health.ReadyHandler())
	mux.Handle("GET /metrics", metricsHandler(a.reg))
	if a.cfg.HTTP.Pprof {
		mux.HandleFunc("GET /debug/pprof/", pprof.Index)
		mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	}

	tlsCfg, err := serverTLS(a.cfg, a.cfg.HTTP.TLS)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", a.cfg.HTTP.Addr)
	if err != nil {
		return err
	}
	if tlsCfg != nil {
		ln = tls.NewListener(ln, tlsCfg)
	}
	a.httpLn = ln
	a.httpSrv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Duration(a.cfg.HTTP.ReadTimeout),
		ErrorLog:          nil,
	}
	a.httpDone = make(chan error, 1)
	go func() {
		if err := a.httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.httpDone <- err
		}
	}()
	return nil
}

func loadKeys(cfg *config.Config, c config.Auth) (*auth.Keys, error) {
	secrets, err := c.Keys(cfg.AbsPath)
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(secrets))
	for i, k := range secrets {
		keys[i] = k.Value()
	}
	return auth.New(keys), nil
}

// serverTLS builds a server TLS config, requiring client certificates when
// a client CA is configured; nil when TLS is off.
func serverTLS(cfg *config.Config, c config.TLS) (*tls.Config, error) {
	if c.CertFile == "" {
		return nil, nil
	}
	cert, err := tls.LoadX509KeyPair(cfg.AbsPath(c.CertFile), cfg.AbsPath(c.KeyFile))
	if err != nil {
		return nil, fmt.Errorf("tls: %w", err)
	}
	t := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if c.ClientCAFile != "" {
		pem, err := os.ReadFile(cfg.AbsPath(c.ClientCAFile))
		if err != nil {
			return nil, fmt.Errorf("tls client CA: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls client CA %s: no certificates found", c.ClientCAFile)
		}
		t.ClientCAs = pool
		t.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return t, nil
}

// mountInputs mounts the HTTP inputs (/ingest, /_bulk, the S3 webhook).
func (a *App) mountInputs(mux *http.ServeMux) error {
	ingestKeys, err := loadKeys(a.cfg, a.cfg.Inputs.HTTP.Auth)
	if err != nil {
		return fmt.Errorf("inputs.http.auth: %w", err)
	}
	bulkKeys, err := loadKeys(a.cfg, a.cfg.Inputs.Bulk.Auth)
	if err != nil {
		return fmt.Errorf("inputs.bulk.auth: %w", err)
	}
	httpin.New(httpin.Config{
		MaxBodyBytes:        int64(a.cfg.HTTP.MaxBodyBytes),
		MaxEventsPerRequest: a.cfg.Inputs.HTTP.MaxEventsPerRequest,
		Limits:              event.Limits{MaxDepth: a.cfg.Inputs.Limits.MaxDepth},
		IngestAuth:          ingestKeys,
		BulkAuth:            bulkKeys,
		IngestEnabled:       a.cfg.Inputs.HTTP.Enabled,
		BulkEnabled:         a.cfg.Inputs.Bulk.Enabled,
		Version:             buildinfo.Version,
	}, a.publisher(), a.log, a.reg).Register(mux)
	if a.s3hook != nil {
		a.s3hook.Register(mux)
	}
	return nil
}
