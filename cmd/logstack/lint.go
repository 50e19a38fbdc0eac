package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/lint"
	"github.com/logstack/logstack/internal/store/duckdb"
)

// lintFlags are `logstack lint`'s options.
type lintFlags struct {
	server, apiKey, dataDir string
	json                    bool
}

func (f *lintFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.server, "server", "", "logstack URL: also run the history checks against its API")
	fs.StringVar(&f.apiKey, "api-key", "", "API key for --server (default $LOGSTACK_API_KEY)")
	fs.StringVar(&f.dataDir, "data-dir", "", "stopped logstack's data dir: run the history checks on its DuckDB store")
	fs.BoolVar(&f.json, "json", false, "print findings as a JSON array")
}

// runLint lints alarm and rule files (docs/LINT.md). Exit 1 when any
// finding is an error, so CI can gate on it; 2 on usage or I/O problems.
func runLint(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("lint", stderr)
	var f lintFlags
	f.register(fs)
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(paths) == 0 || (f.server != "" && f.dataDir != "") {
		fmt.Fprintln(stderr, "usage: logstack lint [--server URL | --data-dir DIR] [--json] FILE_OR_DIR...")
		return 2
	}
	findings, err := lintAll(context.Background(), f, paths)
	if err != nil {
		fmt.Fprintf(stderr, "logstack lint: %v\n", err)
		return 2
	}
	if err := printFindings(stdout, findings, f.json); err != nil {
		fmt.Fprintf(stderr, "logstack lint: %v\n", err)
		return 2
	}
	if lint.HasErrors(findings) {
		return 1
	}
	return 0
}

// lintAll runs the static checks and, with a store, the history checks.
func lintAll(ctx context.Context, f lintFlags, paths []string) ([]lint.Finding, error) {
	loaded, err := lint.Paths(paths)
	if err != nil {
		return nil, err
	}
	counter, closeFn, err := f.counter(ctx)
	if err != nil || counter == nil {
		return loaded.Findings, err
	}
	defer closeFn()
	hist, err := lint.History(ctx, counter, loaded, time.Now())
	if err != nil {
		return nil, err
	}
	all := append(loaded.Findings, hist...)
	lint.Sort(all)
	return all, nil
}

// counter opens the history source the flags name; nil without one.
func (f lintFlags) counter(ctx context.Context) (lint.Counter, func(), error) {
	switch {
	case f.server != "":
		key := f.apiKey
		if key == "" {
			key = os.Getenv("LOGSTACK_API_KEY")
		}
		return lint.StoreCounter{Store: lint.HTTPAggregator{BaseURL: f.server, APIKey: key}}, func() {}, nil
	case f.dataDir != "":
		path := filepath.Join(f.dataDir, "store", "logstack.duckdb")
		if _, err := os.Stat(path); err != nil { // do not create an empty store
			return nil, nil, fmt.Errorf("data dir: %w", err)
		}
		st, err := duckdb.Open(ctx, duckdb.Options{Path: path}, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
		if err != nil {
			return nil, nil, fmt.Errorf("open store: %w", err)
		}
		return lint.StoreCounter{Store: st}, func() { st.Close() }, nil
	}
	return nil, nil, nil
}

// printFindings writes one line per finding, or a JSON array.
func printFindings(w io.Writer, fs []lint.Finding, asJSON bool) error {
	if asJSON {
		if fs == nil {
			fs = []lint.Finding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(fs)
	}
	for _, f := range fs {
		if _, err := fmt.Fprintln(w, f); err != nil {
			return err
		}
	}
	return nil
}
