package config

import (
	"path/filepath"
	"testing"
)

func TestAlertingOverlay(t *testing.T) {
	files := map[string]string{
		"logstack.yaml": "alerting:\n  alarms_dir: alerting/alarms\n  rules_dir: alerting/rules\n",
		"environments/staging.yaml": "alerting:\n  alarms_dir: alerting/staging\n" +
			"  parity_exceptions:\n  - {env: production, name: latency, reason: staging only}\n",
	}
	cfg, err, dir := loadFiles(t, files, "staging", nil)
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.Alerting
	if cfg.AbsPath(a.AlarmsDir) != filepath.Join(dir, "alerting/staging") || a.RulesDir != "alerting/rules" {
		t.Fatalf("dirs %q %q", a.AlarmsDir, a.RulesDir)
	}
	if len(a.ParityExceptions) != 1 || a.ParityExceptions[0] != (ParityException{Env: "production", Name: "latency", Reason: "staging only"}) {
		t.Fatalf("exceptions %+v", a.ParityExceptions)
	}
}

func TestAlertingUnknownKey(t *testing.T) {
	_, err, dir := loadFiles(t, map[string]string{"logstack.yaml": "alerting:\n  alarm_dir: x\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{{at: "logstack.yaml:2:3 alerting.alarm_dir", kind: ErrUnknownKey}})
}
