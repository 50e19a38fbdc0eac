package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/testkit/esfake"
)

// TestElasticsearchStore runs the whole stack on the Elasticsearch
// backend (the protocol fake): events reach the cluster once by event.id,
// searches go to it, and readiness names the store when it is down.
func TestElasticsearchStore(t *testing.T) {
	es := esfake.Start(t)
	a := startApp(t, t.TempDir(), func(c *config.Config) {
		c.Store.Type = "elasticsearch"
		c.Store.Elasticsearch.URLs = []string{es.URL}
	})
	body := `{"message":"to the cluster","event":{"id":"es-1"}}` + "\n" + `{"message":"to the cluster too","event":{"id":"es-2"}}`
	if code, resp := post(t, a, "/ingest", body); code != 200 {
		t.Fatalf("ingest: %d %s", code, resp)
	}
	post(t, a, "/ingest", body) // a client retry
	waitTotal(t, a, `"to the cluster"`, 2)
	for id, n := range es.IDCounts() {
		if n != 1 || (id != "es-1" && id != "es-2") {
			t.Errorf("cluster holds %s %d times", id, n)
		}
	}
	if st := a.Health().Evaluate(context.Background()); !st.Ready || st.Checks["store"] != "ok" {
		t.Fatalf("readiness with the cluster up: %v", st)
	}
	es.SetDown(true)
	st := a.Health().Evaluate(context.Background())
	if st.Ready || st.Checks["store"] == "ok" || !strings.Contains(st.Checks["store"], "503") {
		t.Errorf("readiness with the cluster down: %v", st)
	}
	es.SetDown(false)
	deadline := time.Now().Add(10 * time.Second)
	for st := a.Health().Evaluate(context.Background()); !st.Ready; st = a.Health().Evaluate(context.Background()) {
		if time.Now().After(deadline) {
			t.Fatalf("not ready again after the cluster came back: %v", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
