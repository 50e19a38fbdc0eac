package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// allNotifiers configures one notifier of every type, secrets from the
// environment and from files.
const allNotifiers = `alerting:
  notifiers:
    hook:
      type: webhook
      url: ${HOOK_URL}
      headers: {Authorization: "${HOOK_AUTH}"}
      hmac_secret_file: hmac.txt
      retry: {initial: 2s, max: 30s, attempt_timeout: 10s}
    chat: {type: slack, url: "${SLACK_URL}", channel: "#ops", username: logstack, icon_emoji: ":fire:", subject: s, text: t}
    teams: {type: teams, url_file: teams.url, subject: s, text: t}
    mail:
      type: email
      host: smtp.example.com
      port: 465
      tls: tls
      ca_file: certs/relay-ca.pem
      username: alerts
      password: ${SMTP_PASSWORD}
      auth: login
      hello: logstack.example.com
      from: alerts@example.com
      to: [a@example.com, b@example.com]
      subject: s
      text: t
    text: {type: sms, account_sid: AC1, auth_token: "${TWILIO_TOKEN}", from: "+1500", messaging_service_sid: MG1, to: "+1415", url: "https://sms.example.com", text: t}
    pd: {type: pagerduty, routing_key_file: pd.key, url: "https://pd.example.com", source: src, component: c, group: g, class: k, client: cl, client_url: "https://x", subject: s}
    og:
      type: opsgenie
      api_key: ${OG_KEY}
      region: eu
      url: https://og.example.com
      responders: [{type: team, name: ops}, {type: user, username: bob, id: u1}]
      tags: [logstack]
      priority: P2
      entity: e
      source: src
      user: u
      subject: s
      text: t
`

var notifierEnv = map[string]string{
	"HOOK_URL": "https://hooks.example.com/" + tokenPlain, "HOOK_AUTH": "Bearer " + apiKeyPlain,
	"SLACK_URL": "https://hooks.slack.com/" + tokenPlain, "SMTP_PASSWORD": passPlain,
	"TWILIO_TOKEN": apiKeyPlain, "OG_KEY": apiKeyPlain,
}

var notifierFiles = map[string]string{
	"hmac.txt": filePlain + "\n", "teams.url": "https://teams.example.com/" + filePlain + "\n", "pd.key": filePlain,
}

func loadAllNotifiers(t *testing.T) *Config {
	t.Helper()
	files := map[string]string{"logstack.yaml": allNotifiers}
	for k, v := range notifierFiles {
		files[k] = v
	}
	cfg, err, _ := loadFiles(t, files, "", notifierEnv)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestNotifiersEveryType(t *testing.T) {
	ns := loadAllNotifiers(t).Alerting.Notifiers
	h := ns["hook"]
	if h.Type != NotifierWebhook || h.Webhook == nil || h.Slack != nil || h.Webhook.URL.Value() != notifierEnv["HOOK_URL"] ||
		h.Webhook.Headers["Authorization"].Value() != "Bearer "+apiKeyPlain || h.Webhook.HMACSecret.Value() != filePlain {
		t.Errorf("webhook %+v", h.Webhook)
	}
	if h.Retry != (Retry{Initial: Duration(2 * time.Second), Max: Duration(30 * time.Second), AttemptTimeout: Duration(10 * time.Second)}) {
		t.Errorf("retry %+v", h.Retry)
	}
	if s := ns["chat"].Slack; s == nil || s.URL.Value() != notifierEnv["SLACK_URL"] || s.Channel != "#ops" || s.IconEmoji != ":fire:" || s.Text != "t" {
		t.Errorf("slack %+v", s)
	}
	if tm := ns["teams"].Teams; tm == nil || tm.URL.Value() != "https://teams.example.com/"+filePlain || tm.Subject != "s" {
		t.Errorf("teams %+v", tm)
	}
	if m := ns["mail"].Email; m == nil || m.Port != 465 || m.TLS != "tls" || m.Password.Value() != passPlain ||
		strings.Join(m.To, ",") != "a@example.com,b@example.com" || m.Hello != "logstack.example.com" || m.Auth != "login" ||
		!filepath.IsAbs(m.CAFile) || !strings.HasSuffix(m.CAFile, filepath.Join("certs", "relay-ca.pem")) {
		t.Errorf("email %+v", m)
	}
	if s := ns["text"].SMS; s == nil || s.AccountSID != "AC1" || s.AuthToken.Value() != apiKeyPlain || s.MessagingServiceSID != "MG1" || s.To != "+1415" {
		t.Errorf("sms %+v", s)
	}
	if p := ns["pd"].PagerDuty; p == nil || p.RoutingKey.Value() != filePlain || p.ClientURL != "https://x" || p.Class != "k" {
		t.Errorf("pagerduty %+v", p)
	}
	o := ns["og"].Opsgenie
	if o == nil || o.APIKey.Value() != apiKeyPlain || o.Region != "eu" || o.Priority != "P2" || len(o.Responders) != 2 ||
		o.Responders[1] != (OpsgenieResponder{Type: "user", ID: "u1", Username: "bob"}) {
		t.Errorf("opsgenie %+v", o)
	}
}

// TestNotifierOverlay checks the deep merge: an overlay changes one key of
// a notifier and keeps its type, or changes the type and drops the other
// type's keys.
func TestNotifierOverlay(t *testing.T) {
	files := map[string]string{
		"logstack.yaml": "alerting:\n  notifiers:\n    a: {type: slack, url: '${U}', channel: '#dev'}\n" +
			"    b: {type: slack, url: '${U}', channel: '#dev'}\n",
		"environments/prod.yaml": "alerting:\n  notifiers:\n    a: {channel: '#ops'}\n    b: {type: teams, url: '${U}'}\n",
	}
	cfg, err, _ := loadFiles(t, files, "prod", map[string]string{"U": "https://h.example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	a, b := cfg.Alerting.Notifiers["a"], cfg.Alerting.Notifiers["b"]
	if a.Type != NotifierSlack || a.Slack.Channel != "#ops" || a.Slack.URL == "" {
		t.Errorf("a = %+v %+v", a, a.Slack)
	}
	if b.Type != NotifierTeams || b.Slack != nil || b.Teams == nil || b.Teams.URL == "" {
		t.Errorf("b = %+v", b)
	}
}

func TestNotifierLocate(t *testing.T) {
	cfg, err, dir := loadFiles(t, map[string]string{"logstack.yaml": "alerting:\n  notifiers:\n    pd:\n      type: pagerduty\n      routing_key: ${K}\n"},
		"", map[string]string{"K": "k"})
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Alerting.Notifiers["pd"].Locate("pd", errInvalidForTest)
	if w := where(dir, p); w != "logstack.yaml:3:5 alerting.notifiers.pd" || !strings.Contains(p.Error(), "boom") {
		t.Errorf("Locate = %q (%v)", w, p)
	}
}

var errInvalidForTest = errorf(ErrInvalid, "boom")

func TestRenderRedactsNotifierSecrets(t *testing.T) {
	out, err := Render(loadAllNotifiers(t))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	assertNoPlaintext(t, "Render", s)
	for _, want := range []string{
		"    hook:\n      type: webhook\n",
		"      url: <redacted>\n",
		"      headers:\n        Authorization: <redacted>\n",
		"      hmac_secret: <redacted>\n",
		"      password: <redacted>\n",
		"      routing_key: <redacted>\n",
		"      api_key: <redacted>\n",
		"      auth_token: <redacted>\n",
		"      channel: \"#ops\"\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Render lacks %q:\n%s", want, s)
		}
	}
	hook := s[strings.Index(s, "    hook:\n"):strings.Index(s, "    mail:\n")]
	if strings.Contains(hook, "channel") || strings.Contains(hook, "host") {
		t.Errorf("a webhook rendered another type's keys:\n%s", hook)
	}
}
