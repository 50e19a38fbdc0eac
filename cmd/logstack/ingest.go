package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/logfile"
	"github.com/logstack/logstack/internal/objstore"
	"github.com/logstack/logstack/internal/ship"
	"github.com/logstack/logstack/internal/timeexpr"
)

// ingestFlags are `logstack ingest`'s options.
type ingestFlags struct {
	to, format, apiKeyFile string
	since, until           string
	parallel               int
	omitOriginal           bool
	s3                     objstore.Config
}

func runIngest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("ingest", stderr)
	var f ingestFlags
	fs.StringVar(&f.to, "to", envOr("LOGSTACK_TO", "http://127.0.0.1:9280"), "where to send: http(s)://host:port (logstack /ingest) or tcp://host:port (json_lines) ($LOGSTACK_TO)")
	fs.StringVar(&f.format, "format", "auto", "log format: auto, clb, alb, nlb, alb-conn")
	fs.StringVar(&f.apiKeyFile, "api-key-file", "", "file holding the API key (default $LOGSTACK_API_KEY)")
	fs.StringVar(&f.since, "since", "", "s3 only: objects whose key's file time is at or after T (RFC 3339, date, now-1d, 2h)")
	fs.StringVar(&f.until, "until", "", "s3 only: objects whose key's file time is at or before T")
	fs.IntVar(&f.parallel, "parallel", 4, "objects processed at once")
	fs.BoolVar(&f.omitOriginal, "omit-original", false, "leave the raw line (event.original) out of parsed events: about half the stored size")
	fs.StringVar(&f.s3.Endpoint, "endpoint", "", "s3 only: S3-compatible endpoint URL (MinIO); default AWS")
	fs.StringVar(&f.s3.Region, "region", "", "s3 only: region (default $AWS_REGION)")
	fs.BoolVar(&f.s3.PathStyle, "path-style", false, "s3 only: path-style bucket addressing (MinIO)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: logstack ingest [flags] FILE... | s3://bucket/prefix\n\nSends load balancer log files (plain or gzip) to logstack and prints a JSON summary;\nexit status 1 when an object failed or a line did not parse.\n\nflags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) == 0 {
		fs.Usage()
		return 2
	}
	sum, err := ingest(f, pos, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "logstack ingest: %v\n", err)
		if sum == nil {
			return 2
		}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(sum)
	if err != nil || !sum.OK() {
		return 1
	}
	return 0
}

// ingest wires the sender and processor and runs the sources; a nil
// Summary means nothing was attempted (bad flags).
func ingest(f ingestFlags, sources []string, stderr io.Writer) (*logfile.Summary, error) {
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg := logfile.Config{Format: f.format, OmitOriginal: f.omitOriginal}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	key, err := apiKey(f.apiKeyFile)
	if err != nil {
		return nil, err
	}
	sink, err := ship.New(f.to, key, logger)
	if err != nil {
		return nil, err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	p := logfile.NewProcessor(cfg, sink, logger, prometheus.NewRegistry())
	if strings.HasPrefix(sources[0], "s3://") {
		if len(sources) > 1 {
			return nil, errors.New("give one s3:// URL, or local files")
		}
		return ingestS3(ctx, p, f, sources[0], logger)
	}
	if f.since != "" || f.until != "" {
		return nil, errors.New("--since and --until select S3 objects by key; local files are taken as given")
	}
	sum, err := p.ProcessAll(ctx, localFiles(sources), openLocal, f.parallel)
	return &sum, err
}

// ingestS3 lists the prefix and processes the objects in the time window.
func ingestS3(ctx context.Context, p *logfile.Processor, f ingestFlags, url string, logger *slog.Logger) (*logfile.Summary, error) {
	bucket, prefix, err := objstore.ParseURL(url)
	if err != nil {
		return nil, err
	}
	inWindow, err := timeWindow(f.since, f.until, time.Now())
	if err != nil {
		return nil, err
	}
	store, err := objstore.New(ctx, f.s3, logger)
	if err != nil {
		return nil, err
	}
	list := func(yield func(logfile.Object) error) error {
		return store.List(ctx, bucket, prefix, func(obj logfile.Object) error {
			if !inWindow(obj.Key) {
				return nil
			}
			return yield(obj)
		})
	}
	sum, err := p.ProcessAll(ctx, list, store.Open, f.parallel)
	return &sum, err
}

// timeWindow returns a filter on the key's file time; without bounds it
// lets every key through (non-log keys are skipped later, with a reason).
func timeWindow(since, until string, now time.Time) (func(key string) bool, error) {
	if since == "" && until == "" {
		return func(string) bool { return true }, nil
	}
	var from, to time.Time
	var err error
	if since != "" {
		if from, err = timeexpr.Parse(since, now); err != nil {
			return nil, fmt.Errorf("--since: %w", err)
		}
	}
	if until != "" {
		if to, err = timeexpr.Parse(until, now); err != nil {
			return nil, fmt.Errorf("--until: %w", err)
		}
	}
	return func(key string) bool {
		t, ok := logfile.FileTime(key)
		return ok && (since == "" || !t.Before(from)) && (until == "" || !t.After(to))
	}, nil
}

func localFiles(paths []string) func(yield func(logfile.Object) error) error {
	return func(yield func(logfile.Object) error) error {
		for _, p := range paths {
			if abs, err := filepath.Abs(p); err == nil {
				p = abs
			}
			if err := yield(logfile.Object{Key: p}); err != nil {
				return err
			}
		}
		return nil
	}
}

func openLocal(_ context.Context, obj logfile.Object) (io.ReadCloser, error) {
	return os.Open(obj.Key)
}

// apiKey reads the key from file, else $LOGSTACK_API_KEY.
func apiKey(file string) (string, error) {
	if file == "" {
		return os.Getenv("LOGSTACK_API_KEY"), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("--api-key-file: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}
