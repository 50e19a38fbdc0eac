package blackbox

import (
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/testkit/esfake"
	"github.com/logstack/logstack/internal/testkit/natsserver"
	"github.com/logstack/logstack/internal/testkit/smtpsink"
)

// TestAlerterFailover is issue 5's failover acceptance: two alerter
// processes share one NATS server; the active one is killed with SIGKILL
// after its first notification was recorded, the standby takes over
// within the lease TTL, sends the next escalation level once, and the
// resolved notices go out once: nothing is duplicated or lost.
func TestAlerterFailover(t *testing.T) {
	nats, es := natsserver.Start(t), esfake.Start(t)
	chat, mail, sms := startChat(t), smtpsink.Start(t), startSMS(t, "AC123", "smstoken")
	shared := fmt.Sprintf(`queue: {url: %q}
indexer: {batch_wait: 50ms}
store:
  type: elasticsearch
  elasticsearch: {urls: [%q], request_timeout: 5s}
`, nats.URL, es.URL)
	ingest := start(t, writeConfig(t, t.TempDir(), "", shared))

	env := []string{"CHAT_URL=" + chat.URL, "SMS_TOKEN=smstoken"}
	var alerters [2]*server
	for i := range alerters {
		dir := t.TempDir()
		rules := writeRule(t, dir, "checkout.yaml", checkoutRule)
		cfg := writeConfig(t, dir, "", shared+alertingConfig(rules, mail, sms, "5s", "10m"))
		alerters[i] = startEnv(t, cfg, env, "--role", "alerter")
	}

	var stop atomic.Bool
	done := errorLoad(t, ingest.HTTP, &stop)
	defer func() { stop.Store(true); <-done }()

	// Kill the active alerter once its chat notification is in the alert's
	// log (the documented guarantee covers recorded notifications; one in
	// flight at the kill may be sent once more, with the same dedup key).
	id := "checkout-errors/checkout"
	waitFor(t, alerters[0], "chat notification recorded", func() bool {
		noDeadLetters(t, ingest)
		return delivered(t, alerters[0], id, "team-chat")
	})
	active := -1
	for i, a := range alerters {
		if metricValue(t, a, "logstack_alert_lease_active") == 1 {
			active = i
		}
	}
	if active < 0 {
		t.Fatal("no alerter holds the lease")
	}
	alerters[active].kill()
	killed := time.Now()
	survivor := alerters[1-active]
	waitFor(t, survivor, "takeover", func() bool { return metricValue(t, survivor, "logstack_alert_lease_active") == 1 })
	t.Logf("standby took over %s after SIGKILL", time.Since(killed).Round(time.Millisecond))

	waitFor(t, survivor, "e-mail level sent by the new active alerter", func() bool { return len(mail.Messages()) > 0 })
	stop.Store(true)
	<-done
	waitFor(t, survivor, "resolved notices", func() bool {
		return countPrefix(chat.messages(), "[RESOLVED]") == 1 && countMail(mail, "[RESOLVED]") == 1
	})
	time.Sleep(2 * time.Second) // a duplicate would come within a few ticks
	texts := chat.messages()
	if countPrefix(texts, "[FIRING]") != 1 || len(texts) != 2 {
		t.Errorf("chat messages %q, want one firing and one resolved", texts)
	}
	if countMail(mail, "[FIRING]") != 1 || len(mail.Messages()) != 2 {
		t.Errorf("e-mails %+v, want one firing and one resolved", mail.Messages())
	}
	if len(sms.messages()) != 0 {
		t.Errorf("SMS level (10m) sent: %v", sms.messages())
	}
	noDeadLetters(t, ingest)
}

// noDeadLetters fails at once when the store refused events: the rule
// would then never match, and the test would only time out.
func noDeadLetters(t *testing.T, ingest *server) {
	t.Helper()
	if n := metricValue(t, ingest, "logstack_indexer_dead_lettered_total"); n > 0 {
		t.Fatalf("the store dead-lettered %v events (see logstack dlq ls)\n%s", n, ingest.logs())
	}
}

// delivered reports whether the alert's notification log records a
// delivered firing notification to notifier.
func delivered(t *testing.T, srv *server, id, notifier string) bool {
	t.Helper()
	var a struct {
		Log []struct {
			Notifier string `json:"notifier"`
			State    string `json:"state"`
			Outcome  string `json:"outcome"`
		} `json:"log"`
	}
	if code := srv.get("/api/v1/alerts/"+url.PathEscape(id), nil, &a); code != http.StatusOK {
		return false
	}
	for _, l := range a.Log {
		if l.Notifier == notifier && l.State == "firing" && l.Outcome == "delivered" {
			return true
		}
	}
	return false
}
