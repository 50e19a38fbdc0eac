package alarmeval

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/alert"
)

// chatPolicy is a one-level policy for the alarm's alarm_actions.
var chatPolicy = alert.Policy{Name: "chat", Levels: []alert.Level{{Notifiers: []string{"chat"}}}}

// alerter is one alerter process: an evaluator feeding an alert engine,
// delivering every notification at once.
type alerter struct {
	eval *Evaluator
	eng  *alert.Engine
}

func newAlerter(t *testing.T, url string, ms *memStore, a *alarm.Alarm, prefix string) *alerter {
	t.Helper()
	e, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{a}, Store: ms, BucketPrefix: prefix})
	eng, err := alert.NewEngine(alert.Config{Policies: []alert.Policy{chatPolicy}, DefaultPolicy: "chat"})
	if err != nil {
		t.Fatal(err)
	}
	return &alerter{eval: e, eng: eng}
}

// tick evaluates at now, steps snap and returns the notifications sent,
// "HH:MM notifier state".
func (p *alerter) tick(t *testing.T, now time.Time, snap *alert.Snapshot) []string {
	t.Helper()
	firing, err := p.eval.Evaluate(ctxFor(t), now, true)
	if err != nil {
		t.Fatalf("%s: %v", now.Format("15:04:05"), err)
	}
	next, out := p.eng.Step(now, *snap, alert.Input{Firing: firing})
	var sent []string
	for _, o := range out {
		alert.Record(next, o, nil, now)
		sent = append(sent, fmt.Sprintf("%s %s %s", now.Format("15:04"), o.Notifier, o.Notification.State))
	}
	*snap = next
	return sent
}

// lifecycleStore holds 10, 10, 1, 1 errors in the minutes from 10:00: the
// default alarm (2 of 2 above 5) goes to ALARM at the 10:02 end, OK at 10:03.
func lifecycleStore() *memStore {
	ms := newMemStore()
	for min, n := range []int{10, 10, 1, 1} {
		ms.addCount("level:error", at(min, 30), n)
	}
	return ms
}

// TestActionsThroughEngine: alarm_actions hear of ALARM, and on OK the
// resolved notice goes to them and to ok_actions, which were not notified.
func TestActionsThroughEngine(t *testing.T) {
	a := newAlarm("errors")
	a.OKActions = []string{"email"}
	p := newAlerter(t, embeddedJetStream(t), lifecycleStore(), a, "")
	var snap alert.Snapshot
	var sent []string
	for min := 1; min <= 6; min++ {
		sent = append(sent, p.tick(t, at(min, 0), &snap)...)
	}
	if want := []string{"10:03 chat firing", "10:04 chat resolved", "10:04 email resolved"}; !slices.Equal(sent, want) {
		t.Errorf("sent %q want %q", sent, want)
	}
}

// TestRestartKeepsAlarm stops a process in ALARM and starts another on the
// same buckets between period ends: it reports the stored ALARM at once,
// without querying the store again, so the alert engine neither resolves
// nor re-fires.
func TestRestartKeepsAlarm(t *testing.T) {
	url := embeddedJetStream(t)
	ms := lifecycleStore()
	first := newAlerter(t, url, ms, newAlarm("errors"), "")
	var snap alert.Snapshot
	var sent []string
	for _, now := range []time.Time{at(1, 0), at(2, 0), at(3, 0)} {
		sent = append(sent, first.tick(t, now, &snap)...)
	}
	before := stateOf(t, first.eval, "errors")
	second := newAlerter(t, url, ms, newAlarm("errors"), "")
	queries := len(ms.requests)
	sent = append(sent, second.tick(t, at(3, 30), &snap)...)
	if want := []string{"10:03 chat firing"}; !slices.Equal(sent, want) {
		t.Errorf("sent %q want %q", sent, want)
	}
	if after := stateOf(t, second.eval, "errors"); after != before || after.State != alarm.StateAlarm {
		t.Errorf("restarted status %+v, want %+v", after, before)
	}
	if len(ms.requests) != queries {
		t.Errorf("the restarted process evaluated the 10:02 end again")
	}
}

// TestStandbyDoesNotClobber runs an active process and a standby that sees
// no data: the standby never writes, reloads the stored ALARM when it
// becomes active, and the old active's later write is refused.
func TestStandbyDoesNotClobber(t *testing.T) {
	url := embeddedJetStream(t)
	active, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{newAlarm("errors")}, Store: lifecycleStore()})
	standby, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{newAlarm("errors")}, Store: newMemStore()})
	eval := func(e *Evaluator, now time.Time, isActive bool) ([]alert.Match, error) {
		return e.Evaluate(ctxFor(t), now, isActive)
	}
	for _, now := range []time.Time{at(1, 0), at(2, 0), at(3, 0)} {
		if _, err := eval(active, now, true); err != nil {
			t.Fatal(err)
		}
		if _, err := eval(standby, now, false); err != nil {
			t.Fatal(err)
		}
	}
	rec, ok, err := active.states.get(ctxFor(t), "errors")
	if err != nil || !ok || rec.State != alarm.StateAlarm || rec.rev != active.alarms[0].rev {
		t.Fatalf("stored %+v %v %v; the active process wrote revision %d", rec, ok, err, active.alarms[0].rev)
	}
	if s := stateOf(t, standby, "errors"); s.State != alarm.StateInsufficientData {
		t.Fatalf("standby's own view %s", s.State)
	}
	// Failover: the standby becomes active between period ends.
	got, err := eval(standby, at(3, 30), true)
	if err != nil || !slices.Equal(firingKeys(got), []string{"errors"}) {
		t.Fatalf("new active: %q, %v", firingKeys(got), err)
	}
	// At the next end the new active evaluates and writes; the old one,
	// still believing it is active, loses the revision check and reloads.
	if _, err := eval(standby, at(4, 0), true); err != nil {
		t.Fatal(err)
	}
	if _, err := eval(active, at(4, 0), true); !errors.Is(err, alert.ErrConflict) {
		t.Fatalf("stale write: %v", err)
	}
	if _, err := eval(active, at(4, 10), true); err != nil {
		t.Fatal(err)
	}
	if a, b := stateOf(t, active, "errors"), stateOf(t, standby, "errors"); a != b {
		t.Errorf("after reload the old active has %+v, the new one %+v", a, b)
	}
}

// TestPeriodChangeRealignsStoredEnd: an alarm whose period changed since
// its state was stored evaluates ends aligned on the new period.
func TestPeriodChangeRealignsStoredEnd(t *testing.T) {
	url := embeddedJetStream(t)
	ms := newMemStore()
	before, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{newAlarm("errors")}, Store: ms})
	if _, err := before.Evaluate(ctxFor(t), at(4, 0), true); err != nil {
		t.Fatal(err)
	}
	a := newAlarm("errors")
	a.Period = 5 * time.Minute
	after, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{a}, Store: ms})
	n := len(ms.requests)
	if _, err := after.Evaluate(ctxFor(t), at(11, 0), true); err != nil {
		t.Fatal(err)
	}
	var ends []string
	for _, r := range ms.requests[n:] {
		ends = append(ends, r.To.Format("15:04"))
	}
	if want := []string{"10:05", "10:10"}; !slices.Equal(ends, want) {
		t.Errorf("evaluated ends %q want %q", ends, want)
	}
}

// TestCorruptRecordIsReplaced: an unreadable stored state is reported
// once and overwritten, instead of stopping the evaluator from persisting.
func TestCorruptRecordIsReplaced(t *testing.T) {
	url := embeddedJetStream(t)
	st, err := openStateStore(ctxFor(t), jetStreamClient(t, url), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.kv.Put(ctxFor(t), key("errors"), []byte(`{"state":"BROKEN"}`)); err != nil {
		t.Fatal(err)
	}
	e, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{newAlarm("errors")}, Store: lifecycleStore()})
	if _, err := e.Evaluate(ctxFor(t), at(3, 0), true); err == nil || !strings.Contains(err.Error(), "unreadable record") {
		t.Fatalf("first active call: %v", err)
	}
	if _, err := e.Evaluate(ctxFor(t), at(4, 0), true); err != nil {
		t.Fatal(err)
	}
	rec, ok, err := st.get(ctxFor(t), "errors")
	if err != nil || !ok || rec.State != alarm.StateOK || !rec.LastEnd.Equal(at(3, 0)) {
		t.Fatalf("stored %+v %v %v", rec, ok, err)
	}
}

// TestRemovedAlarmStateIsPurged removes an alarm in ALARM from the config:
// a standby with the new config leaves its record alone, the active one
// purges it, and re-adding the alarm starts it afresh.
func TestRemovedAlarmStateIsPurged(t *testing.T) {
	url := embeddedJetStream(t)
	ms := lifecycleStore()
	old := newAlerter(t, url, ms, newAlarm("errors"), "")
	var snap alert.Snapshot
	for _, now := range []time.Time{at(1, 0), at(2, 0), at(3, 0)} {
		old.tick(t, now, &snap)
	}
	if st := stateOf(t, old.eval, "errors"); st.State != alarm.StateAlarm {
		t.Fatalf("setup: state %s, want ALARM", st.State)
	}
	stored := func() bool {
		_, ok, err := old.eval.states.get(ctxFor(t), "errors")
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}

	renamed := newAlerter(t, url, ms, newAlarm("errors-renamed"), "")
	if _, err := renamed.eval.Evaluate(ctxFor(t), at(3, 30), false); err != nil {
		t.Fatal(err)
	}
	if !stored() {
		t.Fatal("a standby purged a record")
	}
	if _, err := renamed.eval.Evaluate(ctxFor(t), at(3, 40), true); err != nil {
		t.Fatal(err)
	}
	if stored() {
		t.Fatal("the removed alarm's record is still stored after the new config became active")
	}
	if _, ok, err := renamed.eval.states.get(ctxFor(t), "errors-renamed"); err != nil || !ok {
		t.Fatalf("the configured alarm's record: ok %v err %v", ok, err)
	}

	readded := newAlerter(t, url, ms, newAlarm("errors"), "")
	if st := stateOf(t, readded.eval, "errors"); st.State != alarm.StateInsufficientData {
		t.Errorf("re-added alarm starts in %s, want INSUFFICIENT_DATA", st.State)
	}
}
