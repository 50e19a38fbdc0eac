package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/logstack/logstack/internal/app"
	"github.com/logstack/logstack/internal/buildinfo"
	"github.com/logstack/logstack/internal/config"
)

func runServe(args []string, _, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	var cf configFlags
	cf.register(fs)
	data := fs.String("data", "", "data directory (overrides data_dir)")
	httpAddr := fs.String("http-addr", "", "HTTP listen address (overrides http.addr)")
	tcpAddr := fs.String("tcp-addr", "", "TCP json_lines listen address (overrides inputs.tcp.addr)")
	role := fs.String("role", "", "what this process runs: "+strings.Join(config.Roles, ", ")+" (overrides role; default all)")
	drain := fs.Duration("drain-timeout", 30*time.Second, "how long shutdown may take to drain in-flight work")
	if _, err := parseInterleaved(fs, args); err != nil {
		return 2
	}
	cfg, err := cf.load()
	if err != nil {
		fmt.Fprintf(stderr, "logstack: config:\n%v\n", err)
		return 1
	}
	applyOverrides(cfg, *data, *httpAddr, *tcpAddr)
	if *role != "" {
		cfg.Role = *role
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(stderr, "logstack: config:\n%v\n", err)
		return 1
	}
	tuneGC()
	logger := newLogger(cfg, stderr)
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	logger.Info("starting logstack", "version", buildinfo.Version, "commit", buildinfo.CommitOrVCS(), "env", cfg.Env, "role", cfg.Role)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := app.Run(ctx, app.New(cfg, logger, reg), *drain); err != nil {
		logger.Error("logstack failed", "err", err)
		return 1
	}
	return 0
}

func applyOverrides(cfg *config.Config, data, httpAddr, tcpAddr string) {
	if data != "" {
		if abs, err := filepath.Abs(data); err == nil {
			data = abs
		}
		cfg.DataDir = data
	}
	if httpAddr != "" {
		cfg.HTTP.Addr = httpAddr
	}
	if tcpAddr != "" {
		cfg.Inputs.TCP.Addr = tcpAddr
	}
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(strings.ToUpper(cfg.Log.Level)))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// tuneGC trades memory for CPU within a bound: GOGC=200 halves the
// collector's share of the CPU at ingest rates (docs/BENCHMARKS.md), and a
// soft memory limit keeps the heap from growing with it past gcMemoryLimit,
// so peak memory stays predictable for a small server; the collector only
// works harder when the live heap itself approaches the limit. An explicit
// GOGC or GOMEMLIMIT wins.
func tuneGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(200)
		debug.SetMemoryLimit(gcMemoryLimit)
	}
}

// gcMemoryLimit is the Go heap's soft limit (DuckDB's and NATS's own
// buffers come on top of it).
const gcMemoryLimit = 384 << 20
