package registry

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/config"
)

// TestDocsExamplesBuild loads every notifier example of docs/NOTIFIERS.md
// through config.Load and Build, so the documented keys stay real.
func TestDocsExamplesBuild(t *testing.T) {
	raw, err := os.ReadFile("../../../docs/NOTIFIERS.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	hmac := filepath.Join(dir, "hmac")
	if err := os.WriteFile(hmac, []byte("s\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("alerting:\n  notifiers:\n")
	placeholder := regexp.MustCompile(`(?m)^\s+\.\.\.`)
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(raw), -1) {
		block := strings.TrimPrefix(m[1], "alerting:\n  notifiers:\n")
		if !strings.HasPrefix(block, "    ") || placeholder.MatchString(block) {
			continue // the template snippet, the generic shape
		}
		b.WriteString(strings.ReplaceAll(block, "/run/secrets/audit-hmac", hmac))
	}
	path := filepath.Join(dir, "logstack.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(config.LoadOptions{Path: path, PathExplicit: true, Env: config.DefaultEnv,
		LookupEnv: func(string) (string, bool) { return "https://example.com/x", true }})
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	ns, err := Build(cfg.Alerting.Notifiers, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, n := range cfg.Alerting.Notifiers {
		seen[n.Type] = true
	}
	if len(seen) != len(config.NotifierTypes) || len(ns) != len(cfg.Alerting.Notifiers) {
		t.Errorf("docs show types %v, built %d of %d", seen, len(ns), len(cfg.Alerting.Notifiers))
	}
}
