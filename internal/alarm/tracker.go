package alarm

import (
	"slices"
	"time"
)

// Tracker holds one alarm's state between evaluations and turns each
// evaluation into a Transition, so that actions run only when the state
// changes ("alarms invoke actions for sustained state changes only").
type Tracker struct {
	alarm *Alarm
	state State
}

// NewTracker starts tracking a at initial (StateInsufficientData for a new
// alarm, as in CloudWatch).
func NewTracker(a *Alarm, initial State) *Tracker {
	return &Tracker{alarm: a, state: initial}
}

// State returns the current state.
func (t *Tracker) State() State { return t.state }

// Transition is the outcome of one evaluation at Time.
type Transition struct {
	Time     time.Time
	From, To State
	Reason   string
	// Actions is the action list of the state entered (alarm_actions,
	// ok_actions or insufficient_data_actions); empty when the state did
	// not change or the alarm is not enabled.
	Actions []string
}

// Changed reports whether the evaluation changed the state.
func (tr Transition) Changed() bool { return tr.From != tr.To }

// Evaluate runs one evaluation at time at over window (see Evaluate) and
// moves the tracker to the resulting state.
func (t *Tracker) Evaluate(at time.Time, window []Point) Transition {
	res := Evaluate(t.alarm, window, t.state)
	tr := Transition{Time: at, From: t.state, To: res.State, Reason: res.Reason}
	if tr.Changed() {
		tr.Actions = slices.Clone(t.alarm.actionsFor(res.State))
	}
	t.state = res.State
	return tr
}
