package httpin

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
)

// recorder of Publish calls; err, when set, is returned instead of
// accepting. Accepted events get ids "gen-N" where they have none, as the
// broker's Normalize would.
type fakePub struct {
	mu    sync.Mutex
	calls [][]event.Event
	input []string
	err   error
}

func (p *fakePub) Publish(_ context.Context, in string, events []event.Event) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.err
	}
	for i, e := range events {
		if e.ID() == "" {
			e[event.FieldID] = "gen-" + strconv.Itoa(i)
		}
	}
	p.calls = append(p.calls, events)
	p.input = append(p.input, in)
	return nil
}

func (p *fakePub) published() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.calls {
		n += len(c)
	}
	return n
}

var _ input.Publisher = (*fakePub)(nil)

type testServer struct {
	in  *Input
	mux *http.ServeMux
	reg *prometheus.Registry
}

func newServer(t *testing.T, cfg Config, pub input.Publisher) *testServer {
	t.Helper()
	cfg.IngestEnabled, cfg.BulkEnabled = true, true
	reg := prometheus.NewRegistry()
	in := New(cfg, pub, slog.New(slog.DiscardHandler), reg)
	in.now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	mux := http.NewServeMux()
	in.Register(mux)
	return &testServer{in: in, mux: mux, reg: reg}
}

type req struct {
	method, path string
	body         []byte
	header       map[string]string
}

func (s *testServer) do(r req) *httptest.ResponseRecorder {
	hr := httptest.NewRequest(r.method, r.path, bytes.NewReader(r.body))
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.mux.ServeHTTP(w, hr)
	return w
}

func gz(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.WriteString(zw, s); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodeBody decodes a JSON response body for comparisons that ignore key
// order.
func decodeBody(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(w.Body.String()))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("response %q is not a JSON object: %v", w.Body.String(), err)
	}
	return m
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// linePub is fakePub taking normalized lines as broker.Broker does; it
// records the events the lines decode to.
type linePub struct{ *fakePub }

func (p linePub) PublishLines(ctx context.Context, in string, data []byte, ids []string) error {
	evs, err := event.DecodeBatch(data)
	if err != nil {
		return err
	}
	for i, e := range evs {
		if i >= len(ids) || e.ID() != ids[i] {
			return fmt.Errorf("line %d: id %q, given %v", i, e.ID(), ids)
		}
	}
	return p.Publish(ctx, in, evs)
}

// publisherFor returns pub itself, or as a linePub when mode asks for
// lines, so that a test covers both ways /ingest publishes.
func publisherFor(pub *fakePub, mode string) input.Publisher {
	if mode == "" {
		return pub
	}
	return linePub{pub}
}
