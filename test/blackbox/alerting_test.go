package blackbox

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/testkit/smtpsink"
)

// checkoutRule fires when three error events of one service arrive within
// five minutes; resolve_after ends the alert 3 s after the last match. The
// events use ECS field names (service.name, log.level), which the
// Elasticsearch store maps as keyword fields of objects.
const checkoutRule = `name: checkout-errors
type: frequency
index: logs-*
filter:
- term: {log.level: error}
timeframe: {minutes: 5}
num_events: 3
query_key: service.name
resolve_after: {seconds: 3}
alert_subject: "errors on {0}"
alert_subject_args: [service.name]
`

// alertingConfig is the alerting section shared by the alerting tests:
// chat at once, e-mail after emailDelay, SMS after smsDelay.
func alertingConfig(rulesDir string, mail *smtpsink.Server, sms *smsReceiver, emailDelay, smsDelay string) string {
	return fmt.Sprintf(`alerting:
  rules_dir: %s
  run_every: 500ms
  stall_after: 30s
  buffer_time: 1m
  notifiers:
    team-chat: {type: slack, url: "${CHAT_URL}"}
    oncall-email: {type: email, host: %s, port: %d, tls: none, from: alerts@example.com, to: [oncall@example.com]}
    oncall-sms: {type: sms, url: %q, account_sid: AC123, auth_token: "${SMS_TOKEN}", from: "+15550001", to: "+15550002"}
  escalation_policies:
    pager:
      levels:
        - {delay: 0s, notifiers: [team-chat]}
        - {delay: %s, notifiers: [oncall-email]}
        - {delay: %s, notifiers: [oncall-sms]}
  default_escalation_policy: pager
  lease: {ttl: 3s, renew_every: 250ms}
`, rulesDir, mail.Host, mail.Port, sms.URL, emailDelay, smsDelay)
}

func writeRule(t *testing.T, dir, name, body string) string {
	t.Helper()
	rules := filepath.Join(dir, "rules")
	if err := os.MkdirAll(rules, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rules, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return rules
}

// errorLoad posts error events of service checkout every 200ms until stopped,
// so the frequency rule keeps matching and its alert stays firing.
func errorLoad(t *testing.T, base string, stop *atomic.Bool) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for n := 0; !stop.Load(); n++ {
			ts := time.Now().UTC().Format(time.RFC3339Nano)
			line := fmt.Sprintf(`{"@timestamp": %q, "service": {"name": "checkout"}, "log": {"level": "error"}, "message": "payment failed %d"}`, ts, n)
			if code, err := postNDJSON(base, []string{line}); err != nil || code != http.StatusOK {
				t.Errorf("ingest: %d %v", code, err)
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
	return done
}

// TestAlertingEndToEnd is issue 5's end-to-end acceptance: events ingested
// over HTTP trigger a frequency rule; the chat webhook hears at once, the
// e-mail arrives after the first escalation delay, acknowledging through
// the API stops the SMS level, and the end of the errors sends one
// resolved notice to each notifier that was notified (chat and e-mail).
func TestAlertingEndToEnd(t *testing.T) {
	dir := t.TempDir()
	chat, mail, sms := startChat(t), smtpsink.Start(t), startSMS(t, "AC123", "smstoken")
	rules := writeRule(t, dir, "checkout.yaml", checkoutRule)
	cfg := writeConfig(t, dir, "", "indexer: {batch_wait: 50ms}\n"+alertingConfig(rules, mail, sms, "2s", "6s"))
	srv := startEnv(t, cfg, []string{"CHAT_URL=" + chat.URL, "SMS_TOKEN=smstoken"})

	var stop atomic.Bool
	done := errorLoad(t, srv.HTTP, &stop)
	defer func() { stop.Store(true); <-done }()

	waitFor(t, srv, "chat notification", func() bool { return len(chat.messages()) > 0 })
	started := time.Now()
	waitFor(t, srv, "e-mail after the first escalation delay", func() bool { return len(mail.Messages()) > 0 })
	if waited := time.Since(started); waited > 5*time.Second {
		t.Logf("e-mail came %s after the chat message (delay 2s)", waited)
	}
	id := url.PathEscape("checkout-errors/checkout")
	resp, err := http.Post(srv.HTTP+"/api/v1/alerts/"+id+"/ack", "application/json", strings.NewReader(`{"by": "alice", "comment": "on it"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("ack: status %d", resp.StatusCode)
	}
	waitFor(t, srv, "alert acknowledged", func() bool { return alertState(t, srv, "checkout-errors/checkout") == "acknowledged" })

	// Keep the alert firing well past the SMS level's delay: the ack must
	// have stopped it.
	time.Sleep(time.Until(started.Add(8 * time.Second)))
	stop.Store(true)
	<-done
	waitFor(t, srv, "resolved notices", func() bool {
		return countPrefix(chat.messages(), "[RESOLVED]") == 1 && countMail(mail, "[RESOLVED]") == 1
	})
	time.Sleep(2 * time.Second) // a duplicate would come within a few ticks
	if got := sms.messages(); len(got) != 0 {
		t.Errorf("SMS sent after the acknowledgement: %v", got)
	}
	texts := chat.messages()
	if countPrefix(texts, "[FIRING]") != 1 || countPrefix(texts, "[RESOLVED]") != 1 || len(texts) != 2 {
		t.Errorf("chat messages %q, want one firing and one resolved", texts)
	}
	if countMail(mail, "[FIRING]") != 1 || countMail(mail, "[RESOLVED]") != 1 || len(mail.Messages()) != 2 {
		t.Errorf("e-mails %+v, want one firing and one resolved", mail.Messages())
	}
	if !strings.Contains(texts[0], "errors on checkout") {
		t.Errorf("chat subject %q lacks the rule's alert_subject", texts[0])
	}
	if len(chat.bad)+len(sms.bad) > 0 {
		t.Errorf("malformed requests: chat %v sms %v", chat.bad, sms.bad)
	}
}

// countMail counts e-mails whose subject starts with prefix.
func countMail(s *smtpsink.Server, prefix string) int {
	n := 0
	for _, m := range s.Messages() {
		if strings.HasPrefix(m.Subject, prefix) {
			n++
		}
	}
	return n
}

// alertState reads one alert's state from the alerts API ("" when absent).
func alertState(t *testing.T, srv *server, id string) string {
	t.Helper()
	var a struct {
		State string `json:"state"`
	}
	if code := srv.get("/api/v1/alerts/"+url.PathEscape(id), nil, &a); code != http.StatusOK {
		return ""
	}
	return a.State
}
