package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/queue"
	"github.com/logstack/logstack/internal/testkit/esfake"
)

// sharedQueue runs a NATS JetStream server that several in-process apps
// reach over TCP, as separate processes reach an external cluster.
func sharedQueue(t *testing.T) string {
	t.Helper()
	cfg := queue.DefaultConfig()
	cfg.Dir, cfg.Listen, cfg.MinFreeDisk = t.TempDir(), "127.0.0.1:0", 0
	cfg.MaxMsgSize = int64(config.Default().Queue.MaxMessageBytes) // the apps publish up to this
	q, err := queue.Open(context.Background(), cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = q.Close() })
	return q.ClientURL()
}

// startRole starts an app of role on the shared queue at url.
func startRole(t *testing.T, role, url string) (*App, string) {
	t.Helper()
	dir := t.TempDir()
	return startApp(t, dir, func(c *config.Config) {
		c.Role, c.Queue.URL = role, url
	}), dir
}

func status(t *testing.T, a *App, method, path string) int {
	t.Helper()
	req, _ := http.NewRequest(method, "http://"+a.HTTPAddr()+path, strings.NewReader(`{"message":"x"}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// readyChecks returns the names /readyz reports on.
func readyChecks(t *testing.T, a *App) map[string]string {
	t.Helper()
	resp, err := http.Get("http://" + a.HTTPAddr() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st struct {
		Ready  bool              `json:"ready"`
		Checks map[string]string `json:"checks"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if !st.Ready || resp.StatusCode != 200 {
		t.Fatalf("not ready: %d %v", resp.StatusCode, st.Checks)
	}
	return st.Checks
}

func keys(m map[string]string) string {
	var out []string
	for _, k := range []string{"indexer", "input.tcp", "queue", "store"} {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	return strings.Join(out, ",")
}

// TestBrokerAndIndexerRoles runs a broker and an indexer as separate apps
// on one queue: the broker opens no store and serves no search, the
// indexer runs no inputs, and what the broker accepts the indexer stores.
func TestBrokerAndIndexerRoles(t *testing.T) {
	url := sharedQueue(t)
	broker, brokerDir := startRole(t, config.RoleBroker, url)
	indexer, _ := startRole(t, config.RoleIndexer, url)

	if broker.st != nil || broker.ix != nil {
		t.Fatal("broker opened a store or an indexer")
	}
	if _, err := os.Stat(filepath.Join(brokerDir, "store")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("broker created a store directory: %v", err)
	}
	if broker.TCPAddr() == "" || indexer.TCPAddr() != "" || indexer.tcp != nil || indexer.broker != nil {
		t.Fatalf("inputs: broker tcp %q, indexer tcp %q", broker.TCPAddr(), indexer.TCPAddr())
	}
	if got := keys(readyChecks(t, broker)); got != "input.tcp,queue" {
		t.Errorf("broker readiness checks %s", got)
	}
	if got := keys(readyChecks(t, indexer)); got != "indexer,queue" {
		t.Errorf("indexer readiness checks %s", got)
	}
	for _, p := range []string{"/ingest", "/_bulk"} {
		if code := status(t, indexer, http.MethodPost, p); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
			t.Errorf("indexer POST %s = %d, want no such endpoint", p, code)
		}
	}
	if code := status(t, broker, http.MethodGet, "/api/v1/search?q=x"); code != http.StatusNotFound {
		t.Errorf("broker search = %d, want 404", code)
	}

	if code, body := post(t, broker, "/ingest", `{"message":"via broker","event":{"id":"b-1"}}`+"\n"+`{"message":"via broker two"}`); code != 200 {
		t.Fatalf("broker ingest: %d %s", code, body)
	}
	hits := waitTotal(t, indexer, `"via broker"`, 2)
	if len(hits) != 2 {
		t.Fatalf("hits %v", hits)
	}
}

// TestAlerterRole starts an alerter process: it opens the shared queue
// (its state and lease live in JetStream) and the shared Elasticsearch
// store, runs no inputs and no indexer, serves the alerts API, and its
// evaluation loop is part of /readyz.
func TestAlerterRole(t *testing.T) {
	url, es := sharedQueue(t), esfake.Start(t)
	dir := t.TempDir()
	rules := filepath.Join(dir, "rules")
	if err := os.MkdirAll(rules, 0o755); err != nil {
		t.Fatal(err)
	}
	rule := "name: errors\ntype: any\nindex: logs\nfilter: [{term: {level: error}}]\nalert: [chat]\n"
	if err := os.WriteFile(filepath.Join(rules, "errors.yaml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, dir, func(c *config.Config) {
		c.Role, c.Queue.URL = config.RoleAlerter, url
		c.Store.Type, c.Store.Elasticsearch.URLs = "elasticsearch", []string{es.URL}
		c.Alerting.RulesDir = rules
		c.Alerting.Notifiers = map[string]config.Notifier{"chat": {Type: "webhook", Webhook: &config.WebhookNotifier{URL: "http://127.0.0.1:1/hook"}}}
	})
	if a.q == nil || a.st == nil || a.tcp != nil || a.ix != nil || a.alertState == nil {
		t.Fatalf("alerter: queue %v store %v tcp %v indexer %v alert state %v", a.q != nil, a.st != nil, a.tcp != nil, a.ix != nil, a.alertState != nil)
	}
	checks := readyChecks(t, a)
	if _, ok := checks["alerter"]; !ok {
		t.Errorf("alerter readiness checks %v lack the evaluation loop", checks)
	}
	if code := status(t, a, http.MethodGet, "/api/v1/alerts"); code != http.StatusOK {
		t.Errorf("/api/v1/alerts = %d", code)
	}
	if code := status(t, a, http.MethodPost, "/ingest"); code == http.StatusOK {
		t.Error("alerter accepts /ingest")
	}
	if _, err := os.Stat(filepath.Join(dir, "queue")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("alerter created a local queue directory: %v", err)
	}
}
