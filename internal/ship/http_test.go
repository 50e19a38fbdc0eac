package ship_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/logfile"
	"github.com/logstack/logstack/internal/ship"
)

// scripted answers requests from a list of statuses (the last repeats),
// recording the events it accepted.
type scripted struct {
	mu        sync.Mutex
	statuses  []int
	header    http.Header
	requests  int
	events    []string
	keys      []string
	encodings []string
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	status := s.statuses[min(s.requests, len(s.statuses)-1)]
	s.requests++
	s.keys = append(s.keys, r.Header.Get("Authorization"))
	s.encodings = append(s.encodings, r.Header.Get("Content-Encoding"))
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, "bad gzip", http.StatusBadRequest)
			return
		}
		body = zr
	}
	if r.URL.Path != "/ingest" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var n int
	for sc := bufio.NewScanner(body); sc.Scan(); n++ {
		if status == http.StatusOK {
			s.events = append(s.events, sc.Text())
		}
	}
	for k, v := range s.header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"accepted":%d}`, n)
}

func events(n int) []event.Event {
	out := make([]event.Event, n)
	for i := range out {
		out[i] = event.Event{"message": fmt.Sprintf("line %d %s", i, strings.Repeat("x", 100))}
	}
	return out
}

func newHTTP(t *testing.T, srv *httptest.Server, cfg ship.HTTPConfig) (*ship.HTTP, *[]time.Duration) {
	t.Helper()
	cfg.URL = srv.URL
	h, err := ship.NewHTTP(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return h, ship.RecordSleeps(h)
}

func TestHTTPDelivers(t *testing.T) {
	s := &scripted{statuses: []int{200}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	h, _ := newHTTP(t, srv, ship.HTTPConfig{APIKey: "k1", MaxBodyBytes: 1000})
	if err := h.Deliver(context.Background(), events(20)); err != nil {
		t.Fatal(err)
	}
	if len(s.events) != 20 || s.requests < 3 || s.keys[0] != "ApiKey k1" {
		t.Fatalf("%d events in %d requests, auth %q", len(s.events), s.requests, s.keys[0])
	}
}

// TestHTTPCompression: bodies are gzipped unless the broker is on this
// machine, and Compression overrides that either way.
func TestHTTPCompression(t *testing.T) {
	f := func(mode, want string) {
		t.Helper()
		s := &scripted{statuses: []int{200}}
		srv := httptest.NewServer(s)
		defer srv.Close()
		h, _ := newHTTP(t, srv, ship.HTTPConfig{Compression: mode})
		if err := h.DeliverLines(context.Background(), []byte("{\"a\":1}\n{\"a\":2}\n"), []string{"x", "y"}); err != nil {
			t.Fatal(err)
		}
		if len(s.events) != 2 || s.encodings[0] != want {
			t.Fatalf("compression %q: %d events, Content-Encoding %q, want %q", mode, len(s.events), s.encodings[0], want)
		}
	}
	f("", "") // httptest listens on loopback
	f("gzip", "gzip")
	f("none", "")
	if _, err := ship.NewHTTP(ship.HTTPConfig{URL: "http://x", Compression: "zstd"}, slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("compression zstd accepted")
	}
}

func TestHTTPRetries(t *testing.T) {
	f := func(name string, statuses []int, header http.Header, wantWaits []time.Duration, wantErr error, wantInErr string) {
		t.Run(name, func(t *testing.T) {
			s := &scripted{statuses: statuses, header: header}
			srv := httptest.NewServer(s)
			defer srv.Close()
			h, waits := newHTTP(t, srv, ship.HTTPConfig{Retry: ship.Retry{MaxAttempts: 4, MinBackoff: time.Second, MaxBackoff: 8 * time.Second}})
			ctx := context.Background()
			var sum logfile.Summary
			p := logfile.NewProcessor(logfile.Config{NewParser: plainParser}, h, slog.New(slog.DiscardHandler), nil)
			sum, err := p.Process(ctx, logfile.Object{Key: "f"}, strings.NewReader("a\nb\nc\n"))
			if wantErr == nil && err != nil || wantErr != nil && !errors.Is(err, wantErr) {
				t.Fatalf("err %v, want %v", err, wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), wantInErr) {
				t.Fatalf("err %q does not say %q", err, wantInErr)
			}
			if wantErr == nil && len(s.events) != 3 {
				t.Fatalf("delivered %d events", len(s.events))
			}
			if len(*waits) != len(wantWaits) || sum.Retries != len(wantWaits) {
				t.Fatalf("waits %v (summary retries %d), want %v", *waits, sum.Retries, wantWaits)
			}
			for i, w := range wantWaits {
				got := (*waits)[i]
				if w > 0 && got != w || w < 0 && (got < -w/2 || got > -w) {
					t.Fatalf("wait %d = %v, want %v (negative: backoff up to)", i, got, w)
				}
			}
		})
	}
	retryAfter := http.Header{"Retry-After": {"3"}}
	f("429 honours Retry-After", []int{429, 429, 200}, retryAfter, []time.Duration{3 * time.Second, 3 * time.Second}, nil, "")
	f("backpressure outlasts the attempt limit", []int{429, 503, 429, 503, 429, 200}, retryAfter,
		[]time.Duration{3 * time.Second, 3 * time.Second, 3 * time.Second, 3 * time.Second, 3 * time.Second}, nil, "")
	f("backpressure without Retry-After backs off", []int{429, 429, 200}, nil, []time.Duration{-time.Second, -2 * time.Second}, nil, "")
	f("503 honours Retry-After", []int{503, 200}, retryAfter, []time.Duration{3 * time.Second}, nil, "")
	f("Retry-After capped", []int{429, 200}, http.Header{"Retry-After": {"3600"}}, []time.Duration{8 * time.Second}, nil, "")
	f("5xx backs off exponentially", []int{500, 502, 504, 200}, nil, []time.Duration{-time.Second, -2 * time.Second, -4 * time.Second}, nil, "")
	f("gives up after the limit", []int{500}, nil, []time.Duration{-time.Second, -2 * time.Second, -4 * time.Second}, ship.ErrGaveUp,
		"delivery gave up after 4 attempts: "+"http://")
	f("400 is permanent", []int{400}, nil, nil, ship.ErrRejected, "400 Bad Request")
	f("401 is permanent", []int{401}, nil, nil, logfile.ErrPermanent, "401 Unauthorized")
}

// plainParser makes {"message": line} events.
func plainParser() (logfile.Parser, error) {
	return parserFunc(func(line []byte) (event.Event, error) {
		return event.Event{"message": string(line)}, nil
	}), nil
}

type parserFunc func([]byte) (event.Event, error)

func (f parserFunc) Parse(line []byte) (event.Event, error) { return f(line) }

func TestHTTPConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	h, waits := newHTTP(t, srv, ship.HTTPConfig{Retry: ship.Retry{MaxAttempts: 3}})
	p := logfile.NewProcessor(logfile.Config{NewParser: plainParser}, h, slog.New(slog.DiscardHandler), nil)
	sum, err := p.Process(context.Background(), logfile.Object{Key: "f"}, strings.NewReader("a\n"))
	if !errors.Is(err, ship.ErrGaveUp) || logfile.Permanent(err) || sum.ConnFailures != 3 || sum.Retries != 2 || len(*waits) != 2 {
		t.Fatalf("err %v, summary %+v", err, sum)
	}
}

// TestHTTPDeliverLinesSplits: lines are posted whole, as many per request
// as fit the body limit, at least one.
func TestHTTPDeliverLinesSplits(t *testing.T) {
	s := &scripted{statuses: []int{200}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	h, _ := newHTTP(t, srv, ship.HTTPConfig{MaxBodyBytes: 25})
	data := []byte("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"message\":\"longer than 25 bytes\"}\n")
	if err := h.DeliverLines(context.Background(), data, []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	if s.requests != 2 || len(s.events) != 4 || s.events[3] != `{"message":"longer than 25 bytes"}` {
		t.Fatalf("%d requests, events %q", s.requests, s.events)
	}
}
