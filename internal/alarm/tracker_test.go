package alarm

import (
	"slices"
	"testing"
	"time"
)

func TestTransitionsAndActions(t *testing.T) {
	a := testAlarm(2, 2, TreatMissingMissing)
	tr := NewTracker(a, StateInsufficientData)
	steps := []struct {
		points  string
		want    State
		actions []string
	}{
		{"- - - -", StateInsufficientData, nil}, // no change, no action
		{"- - X X", StateAlarm, []string{"page"}},
		{"- X X X", StateAlarm, nil}, // still ALARM: actions run on changes only
		{"X X X 0", StateOK, []string{"chat"}},
		{"- - - -", StateInsufficientData, []string{"ticket"}},
		{"- - 0 0", StateOK, []string{"chat"}},
	}
	for i, s := range steps {
		got := tr.Evaluate(base.Add(time.Duration(i)*time.Minute), pattern(t, s.points))
		if got.To != s.want || tr.State() != s.want {
			t.Fatalf("step %d %q: state %s, want %s (%s)", i, s.points, got.To, s.want, got.Reason)
		}
		if !slices.Equal(got.Actions, s.actions) {
			t.Fatalf("step %d %q: actions %v, want %v", i, s.points, got.Actions, s.actions)
		}
		if got.Changed() != (s.actions != nil) {
			t.Fatalf("step %d: Changed() = %v", i, got.Changed())
		}
	}
}

func TestDisabledAlarmRunsNoActions(t *testing.T) {
	a := testAlarm(1, 1, TreatMissingMissing)
	a.Enabled = false
	tr := NewTracker(a, StateOK)
	got := tr.Evaluate(base, pattern(t, "X"))
	if got.To != StateAlarm || len(got.Actions) != 0 {
		t.Fatalf("disabled alarm: state %s actions %v; want ALARM and no actions", got.To, got.Actions)
	}
}

func TestIgnoreRetainsStateWithoutActions(t *testing.T) {
	a := testAlarm(3, 3, TreatMissingIgnore)
	tr := NewTracker(a, StateAlarm)
	got := tr.Evaluate(base, pattern(t, "- - - - -"))
	if got.To != StateAlarm || got.Changed() || len(got.Actions) != 0 {
		t.Fatalf("ignore: %+v", got)
	}
}

func TestParseState(t *testing.T) {
	for _, s := range []string{"OK", "ALARM", "INSUFFICIENT_DATA"} {
		if st, err := ParseState(s); err != nil || string(st) != s {
			t.Errorf("ParseState(%q) = %q, %v", s, st, err)
		}
	}
	if _, err := ParseState("ok"); err == nil {
		t.Error("ParseState accepted lower case")
	}
}
