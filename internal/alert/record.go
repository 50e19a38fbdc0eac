package alert

import (
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// OutcomeOf classifies a send error from notify.Retrier: nil is delivered, a
// permanent error refused, anything else (deadline, retries exhausted)
// failed, to be sent again by a later step.
func OutcomeOf(err error) Outcome {
	switch {
	case err == nil:
		return OutcomeDelivered
	case notify.IsPermanent(err):
		return OutcomeRefused
	default:
		return OutcomeFailed
	}
}

// Entry is the log entry recording o's outcome err at now.
func (o Outgoing) Entry(err error, now time.Time) LogEntry {
	lvl := o.Notification.Level
	if o.Notification.State == notify.StateResolved {
		lvl = ResolvedLevel
	}
	e := LogEntry{Level: lvl, Repeat: o.Repeat, Notifier: o.Notifier, State: o.Notification.State,
		At: now, Outcome: OutcomeOf(err)}
	if err != nil {
		e.Error = err.Error()
	}
	return e
}

// Record appends o's outcome to its alert's log in s (in place) and reports
// whether the alert was still there. The snapshot must be the one Step
// returned together with o.
func Record(s Snapshot, o Outgoing, err error, now time.Time) bool {
	k := o.Notification.AlertKey
	a, ok := s.Alerts[k]
	if !ok || a.DedupKey() != o.Notification.DedupKey {
		return false
	}
	a.Log = append(a.Log, o.Entry(err, now))
	s.Alerts[k] = a
	return true
}
