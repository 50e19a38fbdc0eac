package registry

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
	"github.com/logstack/logstack/internal/notify/webhook"
)

// allTypes configures one notifier of every type; secrets come from the
// environment (env below) and one from a file.
const allTypes = `alerting:
  notifiers:
    hook:
      type: webhook
      url: ${HOOK_URL}
      headers: {Authorization: "${HOOK_AUTH}"}
      hmac_secret_file: hmac.txt
      retry: {initial: 10ms, max: 20ms, attempt_timeout: 5s}
    chat: {type: slack, url: "${SLACK_URL}", channel: "#ops", subject: "{{.Rule}}"}
    teams: {type: teams, url: "${TEAMS_URL}"}
    mail: {type: email, host: smtp.example.com, username: alerts, password: "${SMTP_PASSWORD}", from: alerts@example.com, to: [oncall@example.com]}
    text: {type: sms, account_sid: AC1, auth_token: "${TWILIO_TOKEN}", from: "+15005550006", to: "+14155552671"}
    pd: {type: pagerduty, routing_key: "${PD_KEY}", component: broker}
    og: {type: opsgenie, api_key: "${OG_KEY}", region: eu, responders: [{type: team, name: ops}], priority: P2}
`

const hmacPlain = "hmac-PLAINTEXT"

// load writes files into a temp dir and loads logstack.yaml from it.
func load(t *testing.T, yaml string, env map[string]string) (*config.Config, string) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"logstack.yaml": yaml, "hmac.txt": hmacPlain + "\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Load(config.LoadOptions{Path: filepath.Join(dir, "logstack.yaml"), PathExplicit: true,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, dir
}

func envFor(hookURL string) map[string]string {
	return map[string]string{
		"HOOK_URL": hookURL, "HOOK_AUTH": "Bearer tok-PLAINTEXT", "SLACK_URL": "https://hooks.slack.com/services/T/B/X",
		"TEAMS_URL": "https://example.webhook.office.com/w", "SMTP_PASSWORD": "pw", "TWILIO_TOKEN": "tw",
		"PD_KEY": "pdkey", "OG_KEY": "ogkey",
	}
}

func TestBuildEveryType(t *testing.T) {
	cfg, _ := load(t, allTypes, envFor("https://hooks.example.com/x"))
	got, err := Build(cfg.Alerting.Notifiers, nil, prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(config.NotifierTypes) {
		t.Fatalf("built %d notifiers, want %d", len(got), len(config.NotifierTypes))
	}
	for name, n := range got {
		if _, ok := n.(*notify.Retrier); !ok {
			t.Errorf("%s is a %T, not wrapped in a Retrier", name, n)
		}
	}
}

// TestBuildWebhookDelivers sends through a built webhook: resolved URL,
// header and file secret, and the shared metrics count the delivery.
func TestBuildWebhookDelivers(t *testing.T) {
	type request struct {
		auth, sig, ts string
		body          []byte
	}
	got := make(chan request, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- request{r.Header.Get("Authorization"), r.Header.Get(webhook.SignatureHeader), r.Header.Get(webhook.TimestampHeader), body}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	cfg, _ := load(t, allTypes, envFor(srv.URL+"/hook"))
	reg := prometheus.NewRegistry()
	ns, err := Build(cfg.Alerting.Notifiers, nil, reg)
	if err != nil {
		t.Fatal(err)
	}
	if err := ns["hook"].Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatal(err)
	}
	r := <-got
	var p webhook.Payload
	if err := json.Unmarshal(r.body, &p); err != nil || p.Rule != notifytest.Sample().Rule {
		t.Fatalf("payload %s (%v)", r.body, err)
	}
	if r.auth != "Bearer tok-PLAINTEXT" || r.sig != "sha256="+webhook.Sign(hmacPlain, r.ts, r.body) {
		t.Errorf("headers auth=%q sig=%q: secrets not resolved", r.auth, r.sig)
	}
	const want = `
# HELP logstack_notify_notifications_total Notifications by notifier and final outcome after retries (success, permanent_error, gave_up).
# TYPE logstack_notify_notifications_total counter
logstack_notify_notifications_total{notifier="hook",outcome="success"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "logstack_notify_notifications_total"); err != nil {
		t.Error(err)
	}
}

// TestBuildErrorsLocated checks that a notifier its package refuses is
// named, located at its definition, and never echoes a secret.
func TestBuildErrorsLocated(t *testing.T) {
	yaml := "alerting:\n  notifiers:\n    ok: {type: pagerduty, routing_key: '${PD_KEY}'}\n" +
		"    chat:\n      type: slack\n      url: ${SLACK_URL}\n      subject: '{{.Rule'\n" +
		"    og: {type: opsgenie, api_key: '${OG_KEY}', url: 'ftp://og.example.com'}\n"
	cfg, dir := load(t, yaml, map[string]string{"PD_KEY": "pdkey", "OG_KEY": "og-PLAINTEXT", "SLACK_URL": "https://hooks.slack.com/tok-PLAINTEXT"})
	ns, err := Build(cfg.Alerting.Notifiers, nil, nil)
	if ns != nil || err == nil {
		t.Fatalf("Build = %v, %v; want an error", ns, err)
	}
	ps := config.Problems(err)
	if len(ps) != 2 {
		t.Fatalf("got %d problems, want 2: %v", len(ps), err)
	}
	for i, want := range []string{"logstack.yaml:4:5 alerting.notifiers.chat", "logstack.yaml:8:5 alerting.notifiers.og"} {
		p := ps[i]
		at := strings.TrimPrefix(p.File, dir+string(filepath.Separator))
		if got := at + ":" + itoa(p.Line) + ":" + itoa(p.Col) + " " + p.Path; got != want || !errors.Is(p, config.ErrInvalid) {
			t.Errorf("problem %d at %q, want %q (%v)", i, got, want, p)
		}
	}
	if strings.Contains(err.Error(), "PLAINTEXT") {
		t.Errorf("error leaks a secret: %v", err)
	}
}

func TestBuildNoSettings(t *testing.T) {
	_, err := Build(map[string]config.Notifier{"x": {Type: config.NotifierEmail}, "y": {Type: "carrier-pigeon"}}, nil, nil)
	if ps := config.Problems(err); len(ps) != 2 || !strings.Contains(err.Error(), "email notifier without email settings") ||
		!strings.Contains(err.Error(), `unknown notifier type "carrier-pigeon"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestRetryPolicy(t *testing.T) {
	cfg, _ := load(t, allTypes, envFor("https://hooks.example.com/x"))
	p := RetryPolicy(cfg.Alerting.Notifiers["hook"].Retry)
	if p.Initial.String() != "10ms" || p.Max.String() != "20ms" || p.AttemptTimeout.String() != "5s" {
		t.Errorf("RetryPolicy = %+v", p)
	}
	if RetryPolicy(config.Retry{}) != (notify.RetryPolicy{}) {
		t.Error("zero retry keys must stay zero so that NewRetrier applies its defaults")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
