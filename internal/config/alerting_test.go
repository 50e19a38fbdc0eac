package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
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

func TestAlertingDefaults(t *testing.T) {
	cfg, err, _ := loadFiles(t, nil, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.Alerting
	want := Alerting{
		RunEvery: Duration(time.Minute), BufferTime: Duration(45 * time.Minute), MaxQuerySize: 10000,
		AlarmDelay: Duration(time.Minute), ResolvedRetention: Duration(time.Hour),
		Lease: Lease{BucketPrefix: "logstack_alert", TTL: Duration(30 * time.Second), RenewEvery: Duration(10 * time.Second)},
	}
	if a.RunEvery != want.RunEvery || a.BufferTime != want.BufferTime || a.MaxQuerySize != want.MaxQuerySize ||
		a.Concurrency != 0 || a.StallAfter != 0 || a.AlarmDelay != want.AlarmDelay ||
		a.ResolvedRetention != want.ResolvedRetention || a.Lease != want.Lease || a.Deadman.Enabled() ||
		len(a.Notifiers) != 0 || len(a.EscalationPolicies) != 0 || a.DefaultEscalationPolicy != "" {
		t.Fatalf("defaults %+v", a)
	}
	if got := a.EffectiveStallAfter(); got != 3*time.Minute {
		t.Errorf("EffectiveStallAfter = %s, want 3 x run_every", got)
	}
	a.StallAfter = Duration(10 * time.Minute)
	if got := a.EffectiveStallAfter(); got != 10*time.Minute {
		t.Errorf("EffectiveStallAfter = %s, want the configured 10m", got)
	}
}

func TestAlertingEvaluationKeys(t *testing.T) {
	cfg, err, _ := loadFiles(t, map[string]string{"logstack.yaml": `alerting:
  run_every: 30s
  buffer_time: 1h
  max_query_size: 500
  concurrency: 3
  stall_after: 5m
  alarm_delay: 2m
  resolved_retention: 6h
  lease: {bucket_prefix: staging_alert, ttl: 1m}
`}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.Alerting
	if a.RunEvery.Std() != 30*time.Second || a.BufferTime.Std() != time.Hour || a.MaxQuerySize != 500 || a.Concurrency != 3 ||
		a.EffectiveStallAfter() != 5*time.Minute || a.AlarmDelay.Std() != 2*time.Minute || a.ResolvedRetention.Std() != 6*time.Hour {
		t.Fatalf("evaluation keys %+v", a)
	}
	if a.Lease != (Lease{BucketPrefix: "staging_alert", TTL: Duration(time.Minute), RenewEvery: Duration(10 * time.Second)}) {
		t.Fatalf("lease %+v (renew_every keeps its default)", a.Lease)
	}
}

func TestAlertingPoliciesAndDeadman(t *testing.T) {
	cfg, err, _ := loadFiles(t, map[string]string{
		"logstack.yaml": `alerting:
  notifiers:
    chat: {type: slack, url: "${SLACK_URL}"}
    mail: {type: email, host: smtp.example.com, from: a@example.com, to: [b@example.com]}
  escalation_policies:
    pager:
      levels:
        - {delay: 0s, notifiers: [chat]}
        - {delay: 15m, notifiers: [chat, mail], repeat: 1h}
  default_escalation_policy: pager
  deadman: {url_file: hb.url, every: 5m}
`,
		"hb.url": "https://hc-ping.com/" + tokenPlain + "\n",
	}, "", map[string]string{"SLACK_URL": "https://hooks.slack.com/services/" + apiKeyPlain})
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.Alerting
	p := a.EscalationPolicies["pager"]
	if len(p.Levels) != 2 || p.Levels[1].Delay.Std() != 15*time.Minute || p.Levels[1].Repeat.Std() != time.Hour ||
		strings.Join(p.Levels[1].Notifiers, ",") != "chat,mail" || a.DefaultEscalationPolicy != "pager" {
		t.Fatalf("policy %+v", a)
	}
	if !a.Deadman.Enabled() || a.Deadman.URL.Value() != "https://hc-ping.com/"+tokenPlain || a.Deadman.Every.Std() != 5*time.Minute {
		t.Fatalf("deadman %+v", a.Deadman)
	}
	out, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	assertNoPlaintext(t, "Render", string(out))
	if !strings.Contains(string(out), "  deadman:\n    notifier: \"\"\n    url: <redacted>\n") {
		t.Errorf("Render does not redact deadman.url:\n%s", out)
	}
}

// TestAlertingDefaultPolicyMayBeNotifier follows HELPERS.md "Policy names":
// a notifier name stands for its one-level policy.
func TestAlertingDefaultPolicyMayBeNotifier(t *testing.T) {
	_, err, _ := loadFiles(t, map[string]string{"logstack.yaml": `alerting:
  notifiers: {pd: {type: pagerduty, routing_key: "${PD}"}}
  default_escalation_policy: pd
  deadman: {notifier: pd}
`}, "", map[string]string{"PD": "k"})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAlertingValidateInCode checks Validate on a config changed in code,
// where a notifier may lack its type's settings.
func TestAlertingValidateInCode(t *testing.T) {
	cfg := Default()
	cfg.Alerting.Notifiers = map[string]Notifier{"x": {Type: NotifierEmail}}
	cfg.Alerting.DefaultEscalationPolicy = "x"
	err := cfg.Validate()
	if ps := Problems(err); len(ps) != 1 || ps[0].Path != "alerting.notifiers.x.type" || !strings.Contains(err.Error(), `"email" has no settings`) {
		t.Fatalf("Validate = %v", err)
	}
	cfg.Alerting.Notifiers["x"] = Notifier{Type: NotifierPagerDuty, PagerDuty: &PagerDutyNotifier{RoutingKey: "k"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}
