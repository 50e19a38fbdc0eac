package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAlarmsDiff(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum := strings.Replace(refAlarm, "maximum", "sum", 1)
	write("logstack.yaml", "alerting: {alarms_dir: alarms/production}\n")
	write("environments/production.yaml", "{}\n")
	write("environments/staging.yaml", "alerting:\n  alarms_dir: alarms/staging\n")
	write("alarms/production/errors.yaml", sum)
	write("alarms/staging/errors.yaml", strings.Replace(sum, "threshold: 100", "threshold: 10", 1))
	write("alarms/staging/extra.yaml", strings.Replace(sum, "name: broker-errors", "name: extra", 1))
	cfg := filepath.Join(dir, "logstack.yaml")

	code, out, errOut := runCmd("alarms", "diff", "--config", cfg, "--env", "staging", "--env", "production")
	if code != 1 || !strings.Contains(out, "broker-errors: threshold: 10 != 100") || !strings.Contains(out, "extra: presence:") {
		t.Fatalf("diff: %d %q %q", code, out, errOut)
	}
	write("environments/production.yaml", "alerting:\n  parity_exceptions: [{env: staging, name: extra, reason: trial}]\n")
	write("alarms/staging/errors.yaml", sum)
	code, out, errOut = runCmd("alarms", "diff", "--config", cfg, "--env", "staging", "--env", "production")
	if code != 0 || out != "" {
		t.Fatalf("excused: %d %q %q", code, out, errOut)
	}
	if code, _, _ := runCmd("alarms", "diff", "--env", "staging"); code != 2 {
		t.Fatalf("usage: %d", code)
	}
	write("environments/dev.yaml", "alerting: {alarms_dir: alarms/missing}\n")
	if code, _, errOut := runCmd("alarms", "diff", "--config", cfg, "--env", "dev", "--env", "production"); code != 2 || !strings.Contains(errOut, "env dev") {
		t.Fatalf("missing dir: %d %q", code, errOut)
	}
}

// TestAlarmsDiffRules checks that the parity check covers rules too: a
// rule missing in production and a rule whose threshold differs are
// reported (exit 1), a rule whose alert list differs is not.
func TestAlarmsDiffRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rule := "name: checkout\ntype: frequency\nnum_events: 3\ntimeframe: {minutes: 5}\nalert: [chat]\n"
	write("logstack.yaml", "alerting: {rules_dir: rules/production}\n")
	write("environments/production.yaml", "{}\n")
	write("environments/staging.yaml", "alerting: {rules_dir: rules/staging}\n")
	write("rules/production/checkout.yaml", strings.Replace(rule, "[chat]", "[pager]", 1))
	write("rules/staging/checkout.yaml", strings.Replace(rule, "num_events: 3", "num_events: 5", 1))
	write("rules/staging/login.yaml", strings.Replace(rule, "checkout", "login", 1))
	cfg := filepath.Join(dir, "logstack.yaml")

	code, out, errOut := runCmd("alarms", "diff", "--config", cfg, "--env", "staging", "--env", "production")
	want := "checkout: num_events: 5 != 3\nlogin: presence: " + filepath.Join(dir, "rules/staging/login.yaml") + " != absent in production\n"
	if code != 1 || out != want {
		t.Fatalf("diff: %d %q %q, want %q", code, out, errOut, want)
	}
}
