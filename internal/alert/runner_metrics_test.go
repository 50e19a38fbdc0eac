package alert

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// TestRunnerCountsNotificationsPerRule checks that
// logstack_alert_notifications_total carries the rule of the alert, so a
// dashboard shows which rule sends (or is silenced) how much, and that
// Release makes the lease free for another process at once.
func TestRunnerCountsNotificationsPerRule(t *testing.T) {
	url := startJetStream(t)
	rec := &recorder{}
	js := connect(t, url)
	st, err := OpenKVStore(testCtx(t), js, "")
	if err != nil {
		t.Fatal(err)
	}
	lease, err := OpenLease(testCtx(t), js, "", "p", 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	r := NewRunner(newEngine(t), st, lease, rec.notifiers("p"), nil, reg)
	firing := append(slices.Clone(webErrors), Match{Key: Key{Rule: "latency"}, Subject: "slow"})
	if err := st.PutSilence(testCtx(t), Silence{ID: "s", Matchers: []Matcher{{Name: "rule", Value: "latency"}},
		StartsAt: t0, ExpiresAt: at(60)}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Tick(testCtx(t), at(0), firing); err != nil {
		t.Fatal(err)
	}
	got := notificationCounts(t, reg)
	want := []string{"errors/chat/delivered=1", "latency/chat/silenced=1"}
	if !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
	if err := r.Release(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	other, err := OpenLease(testCtx(t), connect(t, url), "", "q", 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if held, err := other.Acquire(testCtx(t), at(0)); err != nil || !held {
		t.Fatalf("after Release, another process acquires: held %v err %v", held, err)
	}
}

// notificationCounts lists logstack_alert_notifications_total as sorted
// "rule/notifier/outcome=value" lines.
func notificationCounts(t *testing.T, reg *prometheus.Registry) []string {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, mf := range mfs {
		if mf.GetName() != "logstack_alert_notifications_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			l := map[string]string{}
			for _, p := range m.GetLabel() {
				l[p.GetName()] = p.GetValue()
			}
			out = append(out, l["rule"]+"/"+l["notifier"]+"/"+l["outcome"]+"="+
				strconv.FormatFloat(m.GetCounter().GetValue(), 'g', -1, 64))
		}
	}
	slices.Sort(out)
	return out
}
