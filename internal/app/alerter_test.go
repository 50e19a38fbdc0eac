package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/config"
)

// TestValidateAlertingActions checks that the alerter refuses, naming the
// file, a rule that names an unknown notifier and a rule that names none
// while no default escalation policy is set, and accepts the latter once
// one is.
func TestValidateAlertingActions(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("quiet.yaml", "name: quiet\ntype: any\n")
	cfg := config.Default()
	cfg.Alerting.RulesDir = dir
	cfg.Alerting.Notifiers = map[string]config.Notifier{"chat": {Type: "webhook", Webhook: &config.WebhookNotifier{URL: "http://127.0.0.1:1/hook"}}}

	err := ValidateAlerting(cfg)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "quiet.yaml")+": alert: missing") {
		t.Fatalf("rule without alert and no default policy: %v", err)
	}
	cfg.Alerting.DefaultEscalationPolicy = "chat"
	if err := ValidateAlerting(cfg); err != nil {
		t.Fatalf("rule without alert, default policy chat: %v", err)
	}
	write("typo.yaml", "name: typo\ntype: any\nalert: [chta]\n")
	err = ValidateAlerting(cfg)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "typo.yaml")+`: alert: "chta" is neither a notifier nor an escalation policy`) {
		t.Fatalf("rule naming an unknown notifier: %v", err)
	}
}
