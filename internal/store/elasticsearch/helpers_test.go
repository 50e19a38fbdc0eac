package elasticsearch

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
)

// request is what the recording server received.
type request struct {
	method, path, query string
	header              http.Header
	body                []byte
}

// recorder is a scripted cluster for request-shape tests: it answers GET /
// with its version, template reads with 404 and every other request with
// the reply of the first route whose "METHOD /path" prefix matches and
// that answers (a status of 0 passes the request on).
type recorder struct {
	mu      sync.Mutex
	reqs    []request
	version string // "8.15.0", "opensearch 2.11.0"
	tmplVer int    // installed template version; 0: none
	routes  []route
}

type route struct {
	prefix string
	reply  func(r request) (int, string)
}

func (rc *recorder) on(prefix string, reply func(r request) (int, string)) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.routes = append(rc.routes, route{prefix, reply})
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := request{method: r.Method, path: r.URL.Path, query: r.URL.RawQuery, header: r.Header.Clone(), body: body}
	rc.mu.Lock()
	rc.reqs = append(rc.reqs, req)
	routes := append([]route(nil), rc.routes...)
	rc.mu.Unlock()
	status, reply := rc.answer(req, routes)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, reply)
}

func (rc *recorder) answer(req request, routes []route) (int, string) {
	for _, rt := range routes {
		if strings.HasPrefix(req.method+" "+req.path, rt.prefix) {
			if status, body := rt.reply(req); status != 0 {
				return status, body
			}
		}
	}
	key := req.method + " " + req.path
	switch {
	case key == "GET /":
		dist, num := "", rc.version
		if d, n, ok := strings.Cut(rc.version, " "); ok {
			dist, num = d, n
		}
		return 200, `{"name":"n1","version":{"number":"` + num + `","distribution":"` + dist + `"},"tagline":"You Know, for Search"}`
	case key == "GET /_index_template/logstack" && rc.tmplVer != 0:
		return 200, `{"index_templates":[{"name":"logstack","index_template":{"version":` + itoa(rc.tmplVer) + `}}]}`
	case key == "GET /_template/logstack" && rc.tmplVer != 0:
		return 200, `{"logstack":{"version":` + itoa(rc.tmplVer) + `}}`
	case strings.HasPrefix(key, "GET /_index_template/"), strings.HasPrefix(key, "GET /_template/"), strings.HasPrefix(key, "GET /_data_stream/"):
		return 404, `{"error":{"type":"resource_not_found_exception","reason":"not found"},"status":404}`
	case strings.HasPrefix(key, "GET /_cat/indices/"):
		return 200, `[]`
	case strings.HasPrefix(key, "PUT "):
		return 200, `{"acknowledged":true}`
	}
	return 500, `{"error":{"type":"unexpected","reason":"no route for ` + key + `"},"status":500}`
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// requests returns the requests received so far whose "METHOD /path"
// starts with prefix.
func (rc *recorder) requests(prefix string) []request {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []request
	for _, r := range rc.reqs {
		if strings.HasPrefix(r.method+" "+r.path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// startRecorder serves rc on a loopback httptest server.
func startRecorder(t *testing.T, rc *recorder) string {
	t.Helper()
	if rc.version == "" {
		rc.version = "8.15.0"
	}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	return srv.URL
}

// openAt opens a store on url with fast retries and a fixed clock.
func openAt(t testing.TB, url string, change func(o *Options)) *Store {
	t.Helper()
	o := Options{URLs: []string{url}, RetryBase: time.Millisecond, RetryMax: 2 * time.Millisecond,
		Now: func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }}
	if change != nil {
		change(&o)
	}
	s, err := Open(context.Background(), o, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// events builds events with the given ids at consecutive minutes from
// 2026-11-22T10:58Z.
func events(ids ...string) []event.Event {
	out := make([]event.Event, len(ids))
	base := time.Date(2026, 11, 22, 10, 58, 0, 0, time.UTC)
	for i, id := range ids {
		out[i] = event.Event{"@timestamp": base.Add(time.Duration(i) * time.Minute).Format(time.RFC3339Nano),
			"event": map[string]any{"id": id}, "message": "hello " + id}
	}
	return out
}

// bulkLines splits a _bulk body into (action, document) pairs.
func bulkLines(t *testing.T, body []byte) [][2]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines)%2 != 0 || !strings.HasSuffix(string(body), "\n") {
		t.Fatalf("bulk body is not action/document pairs ending in newline: %q", body)
	}
	var out [][2]string
	for i := 0; i < len(lines); i += 2 {
		out = append(out, [2]string{lines[i], lines[i+1]})
	}
	return out
}

// bulkIDs returns the _id of every action of a _bulk body.
func bulkIDs(t *testing.T, body []byte) []string {
	t.Helper()
	var ids []string
	for _, p := range bulkLines(t, body) {
		var a map[string]struct {
			Index string `json:"_index"`
			ID    string `json:"_id"`
		}
		if err := json.Unmarshal([]byte(p[0]), &a); err != nil {
			t.Fatalf("action %s: %v", p[0], err)
		}
		ids = append(ids, a["create"].ID)
	}
	return ids
}
