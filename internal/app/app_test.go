package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/config"
)

// startApp runs a whole logstack in process on ephemeral ports.
func startApp(t testing.TB, dataDir string, tweak func(*config.Config)) *App {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = dataDir
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Inputs.TCP.Addr = "127.0.0.1:0"
	cfg.Queue.MinFreeDisk = 0
	if tweak != nil {
		tweak(cfg)
	}
	a := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Shutdown(context.Background()) })
	return a
}

func post(t *testing.T, a *App, path, body string) (int, string) {
	t.Helper()
	resp, err := http.Post("http://"+a.HTTPAddr()+path, "application/x-ndjson", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func search(t *testing.T, a *App, q string) (total int64, hits []map[string]any) {
	t.Helper()
	resp, err := http.Get("http://" + a.HTTPAddr() + "/api/v1/search?" + url.Values{"q": {q}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Total int64            `json:"total"`
		Hits  []map[string]any `json:"hits"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	return res.Total, res.Hits
}

func waitTotal(t *testing.T, a *App, q string, want int64) []map[string]any {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		total, hits := search(t, a, q)
		if total == want {
			return hits
		}
		if total > want || time.Now().After(deadline) {
			t.Fatalf("search %q: %d hits, want %d", q, total, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestIngestSearchBulk(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	if code, body := post(t, a, "/ingest", `{"message":"disk full on /var","host":{"name":"web-1"},"event":{"id":"fixed-1"}}`+"\n"+`{"message":"all good"}`); code != 200 || !strings.Contains(body, `"accepted":2`) {
		t.Fatalf("ingest: %d %s", code, body)
	}
	// A client retry with the same event.id is stored once.
	post(t, a, "/ingest", `{"message":"disk full on /var","host":{"name":"web-1"},"event":{"id":"fixed-1"}}`)
	bulk := `{"index":{"_index":"app","_id":"bulk-1"}}` + "\n" + `{"message":"from filebeat","log.level":"warn"}` + "\n"
	if code, body := post(t, a, "/_bulk", bulk); code != 200 || !strings.Contains(body, `"errors":false`) {
		t.Fatalf("bulk: %d %s", code, body)
	}
	post(t, a, "/_bulk", bulk) // Filebeat retrying the same _id
	waitTotal(t, a, "*", 3)
	hits := waitTotal(t, a, `"disk full" AND host.name:web-1`, 1)
	if hits[0]["event"].(map[string]any)["id"] != "fixed-1" {
		t.Fatalf("hit %v", hits[0])
	}
	hits = waitTotal(t, a, "log.level:warn AND _index:app", 1)
	if hits[0]["event"].(map[string]any)["id"] != "bulk-1" {
		t.Fatalf("bulk _id not kept as event.id: %v", hits[0])
	}
}

func TestReadyzAndMetrics(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	post(t, a, "/ingest", `{"message":"counted"}`)
	waitTotal(t, a, "counted", 1)
	resp, err := http.Get("http://" + a.HTTPAddr() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"input.tcp":"ok"`) || !strings.Contains(string(body), `"indexer":"ok"`) {
		t.Fatalf("readyz %d %s", resp.StatusCode, body)
	}
	resp, err = http.Get("http://" + a.HTTPAddr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, m := range []string{
		`logstack_input_events_total{input="http"} 1`,
		`logstack_indexer_events_total 1`,
		"logstack_queue_stream_bytes",
		"logstack_indexer_batch_seconds_bucket",
		"logstack_store_bytes",
		"logstack_indexer_lag_seconds",
	} {
		if !strings.Contains(string(body), m) {
			t.Errorf("/metrics lacks %q", m)
		}
	}
	_ = a.Shutdown(context.Background())
	if st := a.Health().Evaluate(context.Background()); st.Ready {
		t.Fatal("ready after shutdown")
	}
}

// TestBackpressure fills a small queue with the indexer off: ingest turns
// to 429 with Retry-After, and every event that was accepted is indexed
// once an indexer runs again.
func TestBackpressure(t *testing.T) {
	dir := t.TempDir()
	a := startApp(t, dir, func(c *config.Config) {
		c.Indexer.Enabled = false
		c.Queue.MaxBytes = 256 << 10
		c.Queue.MaxMessageBytes = 64 << 10
	})
	accepted := 0
	var last *http.Response
	for i := 0; i < 200; i++ {
		var lines []string
		for j := 0; j < 50; j++ {
			lines = append(lines, fmt.Sprintf(`{"message":"fill %d %d %s"}`, i, j, strings.Repeat("x", 100)))
		}
		resp, err := http.Post("http://"+a.HTTPAddr()+"/ingest", "application/x-ndjson", strings.NewReader(strings.Join(lines, "\n")))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			last = resp
			break
		}
		accepted += 50
	}
	if last == nil || last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("a full queue did not push back with 429 + Retry-After (accepted %d)", accepted)
	}
	if st := a.Health().Evaluate(context.Background()); st.Ready {
		t.Fatalf("ready with a full queue: %v", st)
	}
	if err := a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	b := startApp(t, dir, func(c *config.Config) {
		c.Queue.MaxBytes = 256 << 10
		c.Queue.MaxMessageBytes = 64 << 10
	})
	waitTotal(t, b, "fill", int64(accepted))
}
