package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/app"
	"github.com/logstack/logstack/internal/config"
)

// TestIngestIntoRealStack sends one small file over HTTP and then over TCP
// (json_lines with the acknowledgement receipt) to a whole logstack running
// in process: both runs succeed only after logstack made the events
// durable, and the store holds each line once.
func TestIngestIntoRealStack(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Inputs.TCP.Addr = "127.0.0.1:0"
	cfg.Queue.MinFreeDisk = 0
	a := app.New(cfg, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Shutdown(context.Background()) })

	file := filepath.Join(t.TempDir(), "ci.log.gz")
	os.WriteFile(file, albLog(t, 3), 0o644)
	for _, to := range []string{"http://" + a.HTTPAddr(), "tcp://" + a.TCPAddr()} {
		code, s, errOut := runIngestJSON(t, "--to", to, file)
		if code != 0 || s.Events != 3 {
			t.Fatalf("ingest --to %s: exit %d, %+v, %s", to, code, s, errOut)
		}
	}
	deadline := time.Now().Add(time.Minute) // a bound on waiting for the indexer, not a speed check
	for {
		total := searchTotal(t, "http://"+a.HTTPAddr()+"/api/v1/search?q=*&from=2026-12-01&limit=0")
		if total == 3 {
			return
		}
		if total > 3 || time.Now().After(deadline) {
			t.Fatalf("store holds %d events, want 3", total)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func searchTotal(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var res struct{ Total int }
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("search: %s", b)
	}
	return res.Total
}
