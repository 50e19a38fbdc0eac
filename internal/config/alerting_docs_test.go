package config

import (
	"os"
	"strings"
	"testing"
)

// TestAlertingDocExample loads the example of docs/CONFIG.md's Alerting
// section, so the documented keys stay real.
func TestAlertingDocExample(t *testing.T) {
	raw, err := os.ReadFile("../../docs/CONFIG.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(raw), "## Alerting\n\n```yaml\n")
	example, _, ok := strings.Cut(section, "```")
	if !ok {
		t.Fatal("docs/CONFIG.md has no Alerting example")
	}
	example = strings.ReplaceAll(example, "/run/secrets/pd-routing-key", "pd.key")
	cfg, err, _ := loadFiles(t, map[string]string{"logstack.yaml": example, "pd.key": "k\n"}, "",
		map[string]string{"SLACK_WEBHOOK_URL": "https://hooks.slack.com/x", "HEALTHCHECK_PING_URL": "https://hc-ping.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.Alerting
	if len(a.Notifiers) != 2 || a.Notifiers["oncall-pd"].PagerDuty.RoutingKey.Value() != "k" ||
		len(a.EscalationPolicies["pager"].Levels) != 2 || !a.Deadman.Enabled() {
		t.Errorf("example decoded as %+v", a)
	}
}
