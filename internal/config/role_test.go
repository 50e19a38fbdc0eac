package config

import (
	"strings"
	"testing"
)

func TestRoleValidation(t *testing.T) {
	f := func(role, queueURL string, indexerOn bool, wantPaths, wantText string) {
		t.Helper()
		c := Default()
		c.Role, c.Queue.URL, c.Indexer.Enabled = role, queueURL, indexerOn
		if role == RoleAlerter {
			c.Store.Type, c.Store.Elasticsearch.URLs = "elasticsearch", []string{"http://es:9200"}
		}
		err := c.Validate()
		var got []string
		for _, p := range Problems(err) {
			got = append(got, p.Path)
		}
		if strings.Join(got, "|") != wantPaths {
			t.Errorf("role %q url %q: problems at %q, want %q\n%v", role, queueURL, got, wantPaths, err)
		}
		if wantText != "" && (err == nil || !strings.Contains(err.Error(), wantText)) {
			t.Errorf("role %q: error %v does not say %q", role, err, wantText)
		}
	}
	f("all", "", true, "", "")
	f("all", "nats://a:4222", true, "", "")
	f("broker", "nats://a:4222,nats://b:4222", true, "", "")
	f("indexer", "nats://a:4222", true, "", "")
	f("alerter", "nats://a:4222", true, "", "")
	f("broker", "", true, "role", "needs queue.url")
	f("indexer", "", true, "role", "needs queue.url")
	f("alerter", "", true, "role", "needs queue.url")
	f("indexer", "nats://a:4222", false, "indexer.enabled", "must be true for role indexer")
	f("broker", "nats://a:4222", false, "", "")
	f("ingester", "nats://a:4222", true, "role", `"ingester" is not one of all, broker, indexer, alerter`)
	f("", "", true, "role", "is not one of")
}

// TestAlerterNeedsSharedStore: an alerter process cannot read a DuckDB file
// that another process indexes, so the config says so instead of starting
// an alerter that never sees an event.
func TestAlerterNeedsSharedStore(t *testing.T) {
	c := Default()
	c.Role, c.Queue.URL = RoleAlerter, "nats://a:4222"
	err := c.Validate()
	ps := Problems(err)
	if len(ps) != 1 || ps[0].Path != "store.type" || !strings.Contains(err.Error(), "needs store.type elasticsearch") {
		t.Fatalf("problems %v", err)
	}
}

func TestRunsAlerter(t *testing.T) {
	c := Default()
	if c.RunsAlerter() {
		t.Error("role all without rule or alarm files runs the alerter")
	}
	c.Alerting.RulesDir = "rules"
	if !c.RunsAlerter() {
		t.Error("role all with rules_dir does not run the alerter")
	}
	c.Role = RoleBroker
	if c.RunsAlerter() {
		t.Error("broker runs the alerter")
	}
	c.Role = RoleAlerter
	if !c.RunsAlerter() {
		t.Error("alerter role does not run the alerter")
	}
}

func TestRoleFromFile(t *testing.T) {
	cfg, err, _ := loadFiles(t, map[string]string{"logstack.yaml": "role: broker\nqueue: {url: \"nats://127.0.0.1:4222\"}\n"}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Role != RoleBroker || !cfg.RunsInputs() || cfg.OpensStore() || cfg.RunsIndexer() {
		t.Fatalf("role %q: inputs %v store %v indexer %v", cfg.Role, cfg.RunsInputs(), cfg.OpensStore(), cfg.RunsIndexer())
	}
	_, err, dir := loadFiles(t, map[string]string{"logstack.yaml": "role: indexer\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{{"logstack.yaml:1:1 role", ErrInvalid}})
}

func TestRoleComponents(t *testing.T) {
	f := func(role string, inputs, store, indexer, queue bool) {
		t.Helper()
		c := Default()
		c.Role = role
		if c.RunsInputs() != inputs || c.OpensStore() != store || c.RunsIndexer() != indexer || c.OpensQueue() != queue {
			t.Errorf("role %s: inputs %v store %v indexer %v queue %v", role, c.RunsInputs(), c.OpensStore(), c.RunsIndexer(), c.OpensQueue())
		}
	}
	f(RoleAll, true, true, true, true)
	f(RoleBroker, true, false, false, true)
	f(RoleIndexer, false, true, true, true)
	f(RoleAlerter, false, true, false, true)
}
