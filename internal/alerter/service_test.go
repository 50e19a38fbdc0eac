package alerter

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// TestFiringSentOnce: a firing key is notified once however many ticks
// follow, and its resolve once.
func TestFiringSentOnce(t *testing.T) {
	srv, clock, rec := startJetStream(t), newClock(), &recorder{}
	ev := &firing{}
	ev.set(nil, "errors")
	p := newProcess(t, srv.ClientURL(), "a", fastConfig(clock), rec, map[string]Evaluator{"rules": ev}, nil, nil)
	p.start(t)
	waitFor(t, "the firing notification", func() bool { return len(rec.list()) > 0 })
	p.waitTicks(t, 5)
	if got, want := rec.list(), []string{"a:chat:errors:firing:0"}; !slices.Equal(got, want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
	if got := p.metric(t, "logstack_alerter_firing"); got != 1 {
		t.Errorf("logstack_alerter_firing = %v, want 1", got)
	}
	if err := p.svc.Check(t.Context()); err != nil {
		t.Errorf("Check: %v", err)
	}
	ev.set(nil)
	waitFor(t, "the resolved notification", func() bool { return len(rec.list()) > 1 })
	p.waitTicks(t, 5)
	if got, want := rec.list(), []string{"a:chat:errors:firing:0", "a:chat:errors:resolved:0"}; !slices.Equal(got, want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
}

// TestFailoverNoDuplicate runs two services on one NATS: only one sends;
// stopping it releases the lease, the other takes over at once (the clock
// stands still, so not by expiry) and sends the next level when it is
// due, without repeating the first.
func TestFailoverNoDuplicate(t *testing.T) {
	srv, clock, rec := startJetStream(t), newClock(), &recorder{}
	procs := map[string]*process{}
	for _, name := range []string{"a", "b"} {
		ev := &firing{}
		ev.set(nil, "errors")
		procs[name] = newProcess(t, srv.ClientURL(), name, fastConfig(clock), rec, map[string]Evaluator{"rules": ev}, nil, nil)
		procs[name].start(t)
	}
	waitFor(t, "the first notification", func() bool { return len(rec.list()) > 0 })
	first := strings.SplitN(rec.list()[0], ":", 2)[0]
	active, standby := procs[first], procs["a"]
	if first == "a" {
		standby = procs["b"]
	}
	standby.waitTicks(t, 5)
	active.waitTicks(t, 5)
	if got := rec.list(); len(got) != 1 || standby.metric(t, "logstack_alerter_ticks_total", "outcome", "standby") == 0 {
		t.Fatalf("sent %q; %s must be standby", got, standby.name)
	}
	active.stop(t)
	waitFor(t, standby.name+" to take the released lease", func() bool {
		return standby.metric(t, "logstack_alert_lease_active") == 1
	})
	clock.Add(5 * time.Minute)
	waitFor(t, "the second level", func() bool { return len(rec.list()) > 1 })
	standby.waitTicks(t, 5)
	want := []string{active.name + ":chat:errors:firing:0", standby.name + ":email:errors:firing:1"}
	if got := rec.list(); !slices.Equal(got, want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
}

// TestErroringEvaluatorKeepsFiring: an evaluator that fails keeps its
// previous firing keys (no false resolve), the failure is logged once per
// distinct error and counted each time, and its recovery applies its new
// set.
func TestErroringEvaluatorKeepsFiring(t *testing.T) {
	srv, clock, rec, logs := startJetStream(t), newClock(), &recorder{}, newLogCounter()
	rules, alarms := &firing{}, &firing{}
	rules.set(nil, "errors")
	alarms.set(nil, "cpu")
	p := newProcess(t, srv.ClientURL(), "a", fastConfig(clock), rec,
		map[string]Evaluator{"rules": rules, "alarms": alarms}, newSlog(logs), nil)
	p.start(t)
	waitFor(t, "both notifications", func() bool { return len(rec.list()) == 2 })
	rules.set(errors.New("store unreachable"))
	waitFor(t, "five failed evaluations", func() bool {
		return p.metric(t, "logstack_alerter_evaluator_errors_total", "evaluator", "rules") >= 5
	})
	p.waitTicks(t, 5)
	rules.set(errors.New("store still unreachable"))
	waitFor(t, "ten failed evaluations", func() bool {
		return p.metric(t, "logstack_alerter_evaluator_errors_total", "evaluator", "rules") >= 10
	})
	p.waitTicks(t, 5)
	want := []string{"a:chat:cpu:firing:0", "a:chat:errors:firing:0"}
	if got := rec.list(); !slices.Equal(sorted(got), want) {
		t.Fatalf("sent %q, want %q (no resolve)", got, want)
	}
	stored, err := p.store.Alerts(testCtx(t))
	if err != nil || stored["errors"].Alert.State != notify.StateFiring {
		t.Fatalf("stored errors alert %+v, %v; want firing", stored["errors"].Alert, err)
	}
	if got := p.metric(t, "logstack_alerter_firing"); got != 2 {
		t.Errorf("logstack_alerter_firing = %v, want 2", got)
	}
	if n := logs.count("evaluator failed; keeping its previous firing set"); n != 2 {
		t.Errorf("failure logged %d times for 2 distinct errors", n)
	}
	if p.metric(t, "logstack_alerter_cycles_total", "outcome", "error") < 10 {
		t.Error("failed cycles are not counted")
	}
	rules.set(nil)
	waitFor(t, "the resolved notification", func() bool { return len(rec.list()) == 3 })
	if got := rec.list()[2]; got != "a:chat:errors:resolved:0" {
		t.Errorf("third notification %q, want errors resolved", got)
	}
	if n := logs.count("evaluator recovered"); n != 1 {
		t.Errorf("recovery logged %d times, want 1", n)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
