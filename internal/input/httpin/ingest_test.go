package httpin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
	"github.com/logstack/logstack/internal/queue"
)

func TestIngestAccepts(t *testing.T) {
	f := func(name string, body []byte, header map[string]string, wantMessages ...string) {
		t.Helper()
		for _, mode := range []string{"", " (lines)"} {
			pub := &fakePub{}
			name := name + mode
			s := newServer(t, Config{}, publisherFor(pub, mode))
			w := s.do(req{"POST", "/ingest", body, header})
			want := fmt.Sprintf(`{"accepted":%d}`, len(wantMessages))
			if w.Code != 200 || strings.TrimSpace(w.Body.String()) != want {
				t.Fatalf("%s: %d %s, want 200 %s", name, w.Code, w.Body, want)
			}
			if len(pub.calls) != 1 || pub.input[0] != "http" {
				t.Fatalf("%s: %d publish calls (%v), want exactly 1 from http", name, len(pub.calls), pub.input)
			}
			for i, e := range pub.calls[0] {
				if got := e.String("message"); got != wantMessages[i] {
					t.Fatalf("%s: event %d message %q, want %q", name, i, got, wantMessages[i])
				}
			}
			if got := testutil.ToFloat64(s.in.m.events.WithLabelValues("http")); got != float64(len(wantMessages)) {
				t.Fatalf("%s: events_total = %v", name, got)
			}
		}
	}
	f("object", []byte(`{"message":"a"}`), nil, "a")
	f("pretty object", []byte("{\n  \"message\": \"a\",\n  \"n\": 1\n}\n"), nil, "a")
	f("array", []byte(` [{"message":"a"}, {"message":"b"} ,{"message":"c"}] `), nil, "a", "b", "c")
	f("pretty array", []byte("[\n {\"message\":\"a\"},\n {\"message\":\"b\"}\n]\n"), nil, "a", "b")
	f("ndjson", []byte("{\"message\":\"a\"}\n\n{\"message\":\"b\"}\r\n  \n{\"message\":\"c\"}"), nil, "a", "b", "c")
	f("gzip", gz(t, "{\"message\":\"a\"}\n{\"message\":\"b\"}\n"), map[string]string{"Content-Encoding": "gzip"}, "a", "b")
	f("x-gzip", gz(t, `[{"message":"a"}]`), map[string]string{"Content-Encoding": "x-gzip"}, "a")
	f("identity", []byte(`{"message":"a"}`), map[string]string{"Content-Encoding": "identity"}, "a")
	f("strings with brackets", []byte(`[{"message":"],[{\"x"}]`), nil, `],[{"x`)
}

func TestIngestRejects(t *testing.T) {
	deep := `{"a":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}`
	f := func(name string, cfg Config, body []byte, header map[string]string, wantCode int, wantBody, wantReason string) {
		t.Helper()
		for _, mode := range []string{"", " (lines)"} {
			pub := &fakePub{}
			name := name + mode
			s := newServer(t, cfg, publisherFor(pub, mode))
			w := s.do(req{"POST", "/ingest", body, header})
			if w.Code != wantCode || strings.TrimSpace(w.Body.String()) != wantBody {
				t.Fatalf("%s: %d %s\nwant %d %s", name, w.Code, w.Body, wantCode, wantBody)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json" {
				t.Fatalf("%s: Content-Type %q", name, ct)
			}
			if n := pub.published(); n != 0 {
				t.Fatalf("%s: %d events published from a rejected request", name, n)
			}
			if got := testutil.ToFloat64(s.in.m.rejected.WithLabelValues("http", wantReason)); got != 1 {
				t.Fatalf("%s: rejected_total{reason=%q} = %v", name, wantReason, got)
			}
		}
	}
	f("malformed line", Config{}, []byte("{\"message\":\"a\"}\n{\"message\":\"b\"\n{\"message\":\"c\"}\n"), nil,
		400, `{"error":"line 2: unexpected end of JSON input at byte 14","line":2}`, "malformed")
	f("not an object line", Config{}, []byte("{\"a\":1}\n\n[1]\n"), nil,
		400, `{"error":"line 3: expected a JSON object, got array at byte 0","line":3}`, "malformed")
	f("invalid UTF-8 line", Config{}, []byte("{\"a\":1}\n{\"a\":\"\xff\"}\n"), nil,
		400, `{"error":"line 2: invalid UTF-8 at byte 6","line":2}`, "malformed")
	f("garbage after object", Config{}, []byte(`{"a":1} x`), nil,
		400, `{"error":"line 1: unexpected data after the JSON object at byte 8","line":1}`, "malformed")
	f("bad pretty object", Config{}, []byte("{\n \"a\": 1,\n \"b\" 2\n}"), nil,
		400, `{"error":"line 3: invalid character '2' after object key at byte 16","line":3,"offset":16}`, "malformed")
	f("too deep", Config{}, []byte(deep), nil,
		400, `{"error":"line 1: nesting deeper than 64 at byte 68","line":1}`, "malformed")
	f("too deep, custom limit", Config{Limits: event.Limits{MaxDepth: 2}}, []byte(`[{"a":{"b":{}}}]`), nil,
		400, `{"error":"array element 0: nesting deeper than 2 at byte 11","offset":11}`, "malformed")
	f("array element not an object", Config{}, []byte(`[{"a":1}, 2]`), nil,
		400, `{"error":"array element 1: expected a JSON object, got number at byte 10","offset":10}`, "malformed")
	f("array invalid UTF-8", Config{}, []byte("[{\"a\":\"\xc3\"}]"), nil,
		400, `{"error":"array element 0: invalid UTF-8 at byte 7","offset":7}`, "malformed")
	f("array not closed", Config{}, []byte(`[{"a":1}`), nil,
		400, `{"error":"unexpected end of JSON input at byte 8: the array is not closed","offset":8}`, "malformed")
	f("array trailing comma", Config{}, []byte(`[{"a":1},]`), nil,
		400, `{"error":"array element 1: empty input, expected a JSON object at byte 9","offset":9}`, "malformed")
	f("array missing comma", Config{}, []byte(`[{"a":1} {"b":2}]`), nil,
		400, `{"error":"array element 0: unexpected data after the JSON object at byte 9","offset":9}`, "malformed")
	f("data after array", Config{}, []byte(`[{"a":1}] {}`), nil,
		400, `{"error":"unexpected data after the JSON array at byte 10","offset":10}`, "malformed")
	f("empty array", Config{}, []byte(" [ ] "), nil,
		400, `{"error":"empty array: send at least one object"}`, "malformed")
	f("empty", Config{}, nil, nil,
		400, `{"error":"empty body: send a JSON object, an array of objects or NDJSON"}`, "malformed")
	f("blank", Config{}, []byte(" \r\n\n"), nil,
		400, `{"error":"empty body: send a JSON object, an array of objects or NDJSON"}`, "malformed")
	f("unknown encoding", Config{}, []byte(`{}`), map[string]string{"Content-Encoding": "br"},
		415, `{"error":"unsupported Content-Encoding \"br\": send identity or gzip"}`, "malformed")
	f("corrupt gzip", Config{}, []byte("not gzip at all"), map[string]string{"Content-Encoding": "gzip"},
		400, `{"error":"invalid gzip body: gzip: invalid header"}`, "malformed")
	f("oversized", Config{MaxBodyBytes: 10}, []byte(`{"message":"hello"}`), nil,
		413, `{"error":"request body over 10 bytes"}`, "too_large")
	f("gzip bomb", Config{MaxBodyBytes: 1000}, gz(t, `{"message":"`+strings.Repeat("a", 5000)+`"}`),
		map[string]string{"Content-Encoding": "gzip"},
		413, `{"error":"request body over 1000 bytes after decompression"}`, "too_large")
	f("too many events", Config{MaxEventsPerRequest: 2}, []byte("{}\n{}\n{}\n"), nil,
		413, `{"error":"more than 2 events in one request: split it"}`, "too_large")
	f("too many in array", Config{MaxEventsPerRequest: 1}, []byte(`[{},{}]`), nil,
		413, `{"error":"more than 1 events in one request: split it"}`, "too_large")
	keys := auth.New([]string{"s3cret"})
	f("no key", Config{IngestAuth: keys}, []byte(`{}`), nil,
		401, `{"error":"missing API key"}`, "auth")
	f("wrong key", Config{IngestAuth: keys}, []byte(`{}`), map[string]string{"Authorization": "ApiKey nope"},
		401, `{"error":"invalid API key"}`, "auth")
}

func TestIngestAuthAccepts(t *testing.T) {
	pub := &fakePub{}
	s := newServer(t, Config{IngestAuth: auth.New([]string{"s3cret"})}, pub)
	for _, h := range []map[string]string{
		{"Authorization": "ApiKey s3cret"},
		{"Authorization": "Bearer s3cret"},
		{"X-API-Key": "s3cret"},
	} {
		if w := s.do(req{"POST", "/ingest", []byte(`{}`), h}); w.Code != 200 {
			t.Fatalf("%v: %d %s", h, w.Code, w.Body)
		}
	}
	if w := s.do(req{"POST", "/ingest", []byte(`{}`), nil}); w.Header().Get("WWW-Authenticate") != "ApiKey" {
		t.Fatalf("401 without WWW-Authenticate: %v", w.Header())
	}
}

func TestIngestBackpressure(t *testing.T) {
	f := func(err error, wantCode int, wantRetryAfter, wantReason string) {
		t.Helper()
		s := newServer(t, Config{}, &fakePub{err: err})
		w := s.do(req{"POST", "/ingest", []byte(`{"a":1}`), nil})
		if w.Code != wantCode || w.Header().Get("Retry-After") != wantRetryAfter {
			t.Fatalf("%v: %d Retry-After %q, want %d %q", err, w.Code, w.Header().Get("Retry-After"), wantCode, wantRetryAfter)
		}
		if _, ok := decodeBody(t, w)["error"]; !ok {
			t.Fatalf("%v: no error in %s", err, w.Body)
		}
		if got := testutil.ToFloat64(s.in.m.rejected.WithLabelValues("http", wantReason)); got != 1 {
			t.Fatalf("%v: rejected{%s} = %v", err, wantReason, got)
		}
		if got := testutil.ToFloat64(s.in.m.events.WithLabelValues("http")); got != 0 {
			t.Fatalf("%v: events_total = %v after a failed publish", err, got)
		}
	}
	f(queue.ErrFull, 429, "1", "backpressure")
	f(fmt.Errorf("publish 1 events from http: %w", queue.ErrFull), 429, "1", "backpressure")
	f(queue.ErrDiskLow, 503, "5", "unavailable")
	f(queue.ErrUnavailable, 503, "5", "unavailable")
	f(queue.ErrClosed, 503, "5", "unavailable")
	f(queue.ErrTooLarge, 413, "", "too_large")
	f(errors.New("boom"), 500, "", "error")
}

func TestIngestClientGone(t *testing.T) {
	pub := input.PublisherFunc(func(ctx context.Context, _ string, _ []event.Event) error {
		<-ctx.Done()
		return ctx.Err()
	})
	s := newServer(t, Config{}, pub)
	ctx, cancel := context.WithCancel(context.Background())
	r := httptest.NewRequestWithContext(ctx, "POST", "/ingest", bytes.NewReader([]byte(`{}`)))
	cancel()
	w := httptest.NewRecorder()
	s.mux.ServeHTTP(w, r)
	if w.Code == http.StatusOK {
		t.Fatal("a request whose publish was canceled was answered 200")
	}
	if got := testutil.ToFloat64(s.in.m.requests.WithLabelValues("http", "499")); got != 1 {
		t.Fatalf("requests_total{code=499} = %v", got)
	}
	for _, reason := range []string{"unavailable", "error", "backpressure"} {
		if got := testutil.ToFloat64(s.in.m.rejected.WithLabelValues("http", reason)); got != 0 {
			t.Fatalf("client going away counted as rejected{%s}", reason)
		}
	}
}

func TestIngestDisabled(t *testing.T) {
	mux := http.NewServeMux()
	New(Config{}, &fakePub{}, slog.New(slog.DiscardHandler), nil).Register(mux)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("POST", "/ingest", strings.NewReader(`{}`)))
	if w.Code != http.StatusNotFound {
		t.Fatalf("disabled /ingest answered %d", w.Code)
	}
}

func TestIngestMetrics(t *testing.T) {
	s := newServer(t, Config{}, &fakePub{})
	s.do(req{"POST", "/ingest", []byte(`{}`), nil})
	s.do(req{"POST", "/ingest", []byte(`x`), nil})
	if got := testutil.ToFloat64(s.in.m.requests.WithLabelValues("http", "200")); got != 1 {
		t.Fatalf("requests_total{200} = %v", got)
	}
	if got := testutil.ToFloat64(s.in.m.requests.WithLabelValues("http", "400")); got != 1 {
		t.Fatalf("requests_total{400} = %v", got)
	}
	if n := testutil.CollectAndCount(s.in.m.duration); n != 1 {
		t.Fatalf("duration series = %d", n)
	}
}
