package logfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
)

// wordParser is a test parser: "#..." is a control line, a line starting
// with "bad" fails, anything else becomes {"message": line}.
type wordParser struct{}

func (wordParser) Parse(line []byte) (event.Event, error) {
	switch {
	case bytes.HasPrefix(line, []byte("#")):
		return nil, fmt.Errorf("comment: %w", ErrSkipLine)
	case bytes.HasPrefix(line, []byte("bad")):
		return nil, errors.New("field 3: not a number")
	}
	return event.Event{"message": string(line)}, nil
}

// testKeys skips keys containing "skipme" and adds {"lb": key}.
type testKeys struct{}

func (testKeys) SkipReason(key string) string {
	if strings.Contains(key, "skipme") {
		return "test file"
	}
	return ""
}

func (testKeys) Fields(key string) func(event.Event) {
	return func(e event.Event) { e.Set("aws.elb.name", "lb-of-"+key) }
}

// collector is a Sink remembering every event.
type collector struct {
	mu     sync.Mutex
	events []event.Event
	calls  int
}

func (c *collector) Deliver(_ context.Context, events []event.Event) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	c.events = append(c.events, events...)
	return nil
}

func (c *collector) ids() []string {
	var out []string
	for _, e := range c.events {
		out = append(out, e.ID())
	}
	slices.Sort(out) // batches may arrive in any order
	return out
}

func newTestProcessor(t *testing.T, cfg Config, sink Sink) *Processor {
	t.Helper()
	cfg.NewParser = func() (Parser, error) { return wordParser{}, nil }
	if cfg.Keys == nil {
		cfg.Keys = testKeys{}
	}
	return NewProcessor(cfg, sink, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := io.WriteString(zw, s); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
