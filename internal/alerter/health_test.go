package alerter

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/notify"
)

// TestStalledEvaluatorFailsCheck: an evaluator that hangs after one cycle
// makes Check fail once StallAfter has passed, naming how long ago the
// last cycle succeeded, and the stalled process gives the lease up. One
// that never returns fails Check StallAfter after the start.
func TestStalledEvaluatorFailsCheck(t *testing.T) {
	srv, clock, rec := startJetStream(t), newClock(), &recorder{}
	cfg := fastConfig(clock)
	cfg.StallAfter = time.Minute
	var calls atomic.Int32
	hangsLater := EvaluatorFunc(func(ctx context.Context, _ time.Time) ([]alert.Match, error) {
		if calls.Add(1) > 1 {
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return []alert.Match{{Key: alert.Key{Rule: "errors"}}}, nil
	})
	p := newProcess(t, srv.ClientURL(), "a", cfg, rec, map[string]Evaluator{"rules": hangsLater}, nil, nil)
	p.start(t)
	waitFor(t, "the firing notification", func() bool { return len(rec.list()) == 1 })
	if err := p.svc.Check(t.Context()); err != nil {
		t.Fatalf("Check within stall_after: %v", err)
	}
	clock.Add(90 * time.Second)
	err := p.svc.Check(t.Context())
	if err == nil || !strings.Contains(err.Error(), "last successful evaluation cycle 1m30s ago (stall_after 1m0s)") {
		t.Fatalf("Check after 90s stalled = %v", err)
	}
	waitFor(t, "the stalled process to give the lease up", func() bool {
		return p.metric(t, "logstack_alert_lease_active") == 0 &&
			p.metric(t, "logstack_alerter_ticks_total", "outcome", "stalled") > 0
	})

	never := EvaluatorFunc(func(ctx context.Context, _ time.Time) ([]alert.Match, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	q := newProcess(t, srv.ClientURL(), "b", cfg, rec, map[string]Evaluator{"rules": never}, nil, nil)
	if err := q.svc.Check(t.Context()); err == nil || !strings.Contains(err.Error(), "not running") {
		t.Errorf("Check before Run = %v", err)
	}
	q.start(t)
	waitFor(t, "b to start", func() bool { return q.ticks(t) > 0 })
	if err := q.svc.Check(t.Context()); err != nil {
		t.Errorf("Check right after the start: %v", err)
	}
	clock.Add(2 * time.Minute)
	if err := q.svc.Check(t.Context()); err == nil || !strings.Contains(err.Error(), "no evaluation cycle succeeded since the start 2m0s ago") {
		t.Errorf("Check 2m after the start = %v", err)
	}
}

// TestCheckNamesFailingEvaluator: a failing evaluator's error is part of
// the stall message.
func TestCheckNamesFailingEvaluator(t *testing.T) {
	srv, clock, rec := startJetStream(t), newClock(), &recorder{}
	cfg := fastConfig(clock)
	cfg.StallAfter = time.Minute
	ev := &firing{}
	ev.set(errors.New("store unreachable"))
	p := newProcess(t, srv.ClientURL(), "a", cfg, rec, map[string]Evaluator{"alarms": ev}, nil, nil)
	p.start(t)
	waitFor(t, "a failed cycle", func() bool { return p.metric(t, "logstack_alerter_cycles_total", "outcome", "error") > 0 })
	clock.Add(time.Minute)
	err := p.svc.Check(t.Context())
	if err == nil || !strings.Contains(err.Error(), "evaluator alarms: store unreachable") {
		t.Fatalf("Check = %v", err)
	}
	if got := p.metric(t, "logstack_alerter_cycles_total", "outcome", "success"); got != 0 {
		t.Errorf("%v successful cycles counted, want 0", got)
	}
}

// flakyStore fails Alerts while fail is set, making every tick fail.
type flakyStore struct {
	alert.Store
	fail atomic.Bool
}

func (f *flakyStore) Alerts(ctx context.Context) (map[string]alert.StoredAlert, error) {
	if f.fail.Load() {
		return nil, errors.New("kv unavailable")
	}
	return f.Store.Alerts(ctx)
}

// TestCheckFailsOnRepeatedTickErrors: ticks that keep failing make Check
// fail with the error, logged once; Check recovers with the ticks.
func TestCheckFailsOnRepeatedTickErrors(t *testing.T) {
	srv, clock, rec, logs := startJetStream(t), newClock(), &recorder{}, newLogCounter()
	flaky := &flakyStore{}
	ev := &firing{}
	p := newProcess(t, srv.ClientURL(), "a", fastConfig(clock), rec, map[string]Evaluator{"rules": ev}, newSlog(logs),
		func(s alert.Store) alert.Store { flaky.Store = s; return flaky })
	p.start(t)
	waitFor(t, "an active tick", func() bool { return p.metric(t, "logstack_alerter_ticks_total", "outcome", "active") > 0 })
	if err := p.svc.Check(t.Context()); err != nil {
		t.Fatalf("Check: %v", err)
	}
	flaky.fail.Store(true)
	waitFor(t, "Check to fail", func() bool {
		err := p.svc.Check(t.Context())
		return err != nil && strings.Contains(err.Error(), "runner ticks failed: kv unavailable")
	})
	p.waitTicks(t, 5)
	if n := logs.count("alert runner tick failed"); n != 1 {
		t.Errorf("tick failure logged %d times, want 1", n)
	}
	flaky.fail.Store(false)
	waitFor(t, "Check to recover", func() bool { return p.svc.Check(t.Context()) == nil })
}

// beats records heartbeats.
type beats struct {
	mu  sync.Mutex
	got []notify.Notification
}

func (b *beats) Notify(_ context.Context, n notify.Notification) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.got = append(b.got, n)
	return nil
}

func (b *beats) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.got)
}

// TestDeadmanOnlyActive: heartbeats follow healthy cycles and come only
// from the lease holder; when it stops, the other one sends them.
func TestDeadmanOnlyActive(t *testing.T) {
	srv, clock, rec := startJetStream(t), newClock(), &recorder{}
	procs, hb := map[string]*process{}, map[string]*beats{}
	for _, name := range []string{"a", "b"} {
		cfg := fastConfig(clock)
		hb[name] = &beats{}
		cfg.Deadman = Deadman{Notifier: hb[name]}
		ev := &firing{}
		procs[name] = newProcess(t, srv.ClientURL(), name, cfg, rec, map[string]Evaluator{"rules": ev}, nil, nil)
		procs[name].start(t)
	}
	waitFor(t, "three heartbeats", func() bool { return hb["a"].count()+hb["b"].count() >= 3 })
	active, standby := "a", "b"
	if hb["b"].count() > 0 {
		active, standby = "b", "a"
	}
	procs[standby].waitTicks(t, 5)
	if n := hb[standby].count(); n != 0 {
		t.Fatalf("standby %s sent %d heartbeats", standby, n)
	}
	sent := procs[active].metric(t, "logstack_alerter_deadman_total", "outcome", "sent")
	if cycles := procs[active].metric(t, "logstack_alerter_cycles_total", "outcome", "success"); sent < 3 || sent > cycles {
		t.Errorf("%v heartbeats counted for %v healthy cycles", sent, cycles)
	}
	hb[active].mu.Lock()
	n := hb[active].got[0]
	hb[active].mu.Unlock()
	if n.Rule != DeadmanRule || n.State != notify.StateFiring || n.Subject != DeadmanSubject {
		t.Errorf("heartbeat %+v", n)
	}
	procs[active].stop(t)
	waitFor(t, standby+" to send heartbeats", func() bool { return hb[standby].count() >= 3 })
}

// TestDeadmanEvery: with Every set, one heartbeat per Every however many
// cycles run.
func TestDeadmanEvery(t *testing.T) {
	srv, clock, rec := startJetStream(t), newClock(), &recorder{}
	cfg := fastConfig(clock)
	cfg.StallAfter = 24 * time.Hour
	hb := &beats{}
	cfg.Deadman = Deadman{Notifier: hb, Every: time.Hour}
	ev := &firing{}
	p := newProcess(t, srv.ClientURL(), "a", cfg, rec, map[string]Evaluator{"rules": ev}, nil, nil)
	p.start(t)
	waitFor(t, "the first heartbeat", func() bool { return hb.count() == 1 })
	waitFor(t, "ten more cycles", func() bool { return ev.callCount() >= 10 })
	if n := hb.count(); n != 1 {
		t.Fatalf("%d heartbeats within one Every", n)
	}
	clock.Add(time.Hour)
	waitFor(t, "the second heartbeat", func() bool { return hb.count() == 2 })
}

// TestDeadmanFailureNeverBlocks: a heartbeat receiver that hangs is cut
// off after RunEvery, counted and logged once, and evaluation goes on.
func TestDeadmanFailureNeverBlocks(t *testing.T) {
	srv, clock, rec, logs := startJetStream(t), newClock(), &recorder{}, newLogCounter()
	cfg := fastConfig(clock)
	cfg.Deadman = Deadman{Notifier: notify.NotifierFunc(func(ctx context.Context, _ notify.Notification) error {
		<-ctx.Done()
		return context.Cause(ctx)
	})}
	ev := &firing{}
	p := newProcess(t, srv.ClientURL(), "a", cfg, rec, map[string]Evaluator{"rules": ev}, newSlog(logs), nil)
	p.start(t)
	waitFor(t, "three failed heartbeats", func() bool {
		return p.metric(t, "logstack_alerter_deadman_total", "outcome", "failed") >= 3
	})
	from := ev.callCount()
	waitFor(t, "evaluation to go on", func() bool { return ev.callCount() >= from+10 })
	if n := logs.count("dead-man heartbeat failed"); n != 1 {
		t.Errorf("heartbeat failure logged %d times, want 1", n)
	}
	if got := p.metric(t, "logstack_alerter_deadman_total", "outcome", "sent"); got != 0 {
		t.Errorf("%v heartbeats counted as sent", got)
	}
}

// TestNewRejectsMissingParts: a nil runner or evaluator is a wiring bug
// reported at start-up.
func TestNewRejectsMissingParts(t *testing.T) {
	if _, err := New(Config{}, nil, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "runner") {
		t.Errorf("nil runner: %v", err)
	}
	r := alert.NewRunner(nil, nil, nil, nil, nil, nil)
	if _, err := New(Config{}, map[string]Evaluator{"rules": nil}, r, nil, nil); err == nil || !strings.Contains(err.Error(), `"rules"`) {
		t.Errorf("nil evaluator: %v", err)
	}
}
