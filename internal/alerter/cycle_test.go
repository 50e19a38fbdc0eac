package alerter

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/notify"
	"github.com/prometheus/client_golang/prometheus"
)

// newBare is a Service whose cycles are driven by the test (no loops, no
// NATS: cycle never touches the runner).
func newBare(t *testing.T, cfg Config, evals map[string]Evaluator) *Service {
	t.Helper()
	s, err := New(cfg, evals, alert.NewRunner(nil, nil, nil, nil, nil, nil), nil, prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestUnionKeepsEachKeyOnce: a key reported by two evaluators is handed to
// the engine once, from the first evaluator by name.
func TestUnionKeepsEachKeyOnce(t *testing.T) {
	clock := newClock()
	match := func(rule, subject string) alert.Match {
		return alert.Match{Key: alert.Key{Rule: rule}, Subject: subject}
	}
	s := newBare(t, Config{Clock: clock.Now}, map[string]Evaluator{
		"rules": EvaluatorFunc(func(context.Context, time.Time) ([]alert.Match, error) {
			return []alert.Match{match("x", "from rules"), match("y", "from rules")}, nil
		}),
		"alarms": EvaluatorFunc(func(context.Context, time.Time) ([]alert.Match, error) {
			return []alert.Match{match("x", "from alarms")}, nil
		}),
	})
	s.cycle(t.Context())
	var got []string
	for _, m := range s.union() {
		got = append(got, m.Key.String()+": "+m.Subject)
	}
	if want := []string{"x: from alarms", "y: from rules"}; !slices.Equal(got, want) {
		t.Errorf("union %q, want %q", got, want)
	}
}

// TestHeartbeatSpacing: with Every, a heartbeat is queued for the first
// healthy cycle and then once Every has passed; the queue keeps only the
// newest; a standby queues none.
func TestHeartbeatSpacing(t *testing.T) {
	clock := newClock()
	ok := EvaluatorFunc(func(context.Context, time.Time) ([]alert.Match, error) { return nil, nil })
	s := newBare(t, Config{Clock: clock.Now, Deadman: Deadman{Notifier: notify.NotifierFunc(nil), Every: 10 * time.Minute}},
		map[string]Evaluator{"rules": ok})
	s.setActive(true)
	var queued []time.Duration
	for _, m := range []int{0, 5, 10, 12, 20} {
		clock.now = t0.Add(time.Duration(m) * time.Minute)
		s.cycle(t.Context())
	}
	select {
	case at := <-s.beats:
		queued = append(queued, at.Sub(t0))
	default:
	}
	if want := []time.Duration{20 * time.Minute}; !slices.Equal(queued, want) {
		t.Errorf("queued %v, want only the newest %v", queued, want)
	}
	if got := s.lastBeat.Sub(t0); got != 20*time.Minute {
		t.Errorf("last heartbeat at %v, want 20m (0, 10m and 20m were due)", got)
	}
	s.setActive(false)
	clock.now = t0.Add(time.Hour)
	s.cycle(t.Context())
	if len(s.beats) != 0 {
		t.Error("a standby queued a heartbeat")
	}
}

// TestMayTickToleratesShortStallAfter: readiness follows StallAfter, but
// ticking (holding the lease) continues for at least two RunEvery, so a
// stall_after equal to run_every does not hand the lease around.
func TestMayTickToleratesShortStallAfter(t *testing.T) {
	s := newBare(t, Config{RunEvery: time.Minute, StallAfter: time.Minute}, nil)
	s.lastOK = t0
	f := func(after time.Duration, wantHealthy, wantTick bool) {
		t.Helper()
		now := t0.Add(after)
		if got := s.healthy(now); got != wantHealthy {
			t.Errorf("%v after the last cycle: healthy %v, want %v", after, got, wantHealthy)
		}
		if got := s.mayTick(now); got != wantTick {
			t.Errorf("%v after the last cycle: mayTick %v, want %v", after, got, wantTick)
		}
	}
	f(30*time.Second, true, true)
	f(90*time.Second, false, true)
	f(2*time.Minute, false, false)
}
