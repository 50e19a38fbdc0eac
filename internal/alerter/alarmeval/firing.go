package alarmeval

import (
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/alert"
)

// InsufficientDataKey is the query_key of the separate alert an alarm
// raises while in INSUFFICIENT_DATA when it has insufficient_data_actions,
// so that "no data" and "threshold crossed" are distinct episodes.
const InsufficientDataKey = string(alarm.StateInsufficientData)

// firing lists the alert keys firing now: every enabled alarm in ALARM,
// and every enabled alarm in INSUFFICIENT_DATA with
// insufficient_data_actions. A key missing from the set is resolved by the
// alert engine, which sends the resolved notice to everyone notified and to
// the ok_actions notifiers (Match.ResolveNotifiers).
func (e *Evaluator) firing() []alert.Match {
	var out []alert.Match
	for _, r := range e.alarms {
		a := r.alarm
		if !a.Enabled {
			continue
		}
		switch {
		case r.rec.State == alarm.StateAlarm:
			out = append(out, r.match(alert.Key{Rule: a.Name}, r.alarmPolicy, r.okNotifiers))
		case r.rec.State == alarm.StateInsufficientData && len(a.InsufficientDataActions) > 0:
			out = append(out, r.match(alert.Key{Rule: a.Name, QueryKey: InsufficientDataKey}, r.insufficientPolicy, nil))
		}
	}
	return out
}

func (r *running) match(k alert.Key, policy string, resolveTo []string) alert.Match {
	st := string(r.rec.State)
	return alert.Match{Key: k, Policy: policy, Subject: st + ": " + r.alarm.Name, Text: r.rec.Reason,
		Labels: map[string]string{"alarm": r.alarm.Name, "state": st}, ResolveNotifiers: resolveTo}
}

// Status is one alarm's state as the API and CLI show it.
type Status struct {
	Name  string      `json:"name"`
	State alarm.State `json:"state"`
	// Reason is the state reason of the last transition, worded like
	// CloudWatch's StateReason.
	Reason string `json:"reason,omitempty"`
	// LastEnd is the end of the last evaluated period (zero: none yet).
	LastEnd time.Time `json:"last_end,omitzero"`
	// Changed is when the state last changed in an evaluation.
	Changed time.Time `json:"changed,omitzero"`
	// Enabled is false for an alarm whose actions are disabled; its
	// state is tracked all the same.
	Enabled bool `json:"enabled"`
}

// Status returns every alarm's state, sorted by name, enabled or not.
func (e *Evaluator) Status() []Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Status, len(e.alarms))
	for i, r := range e.alarms {
		out[i] = Status{Name: r.alarm.Name, State: r.rec.State, Reason: r.rec.Reason,
			LastEnd: r.rec.LastEnd, Changed: r.rec.Changed, Enabled: r.alarm.Enabled}
	}
	return out
}
