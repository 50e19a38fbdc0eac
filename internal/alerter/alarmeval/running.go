package alarmeval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/alert"
)

// running is one alarm's live state.
type running struct {
	alarm   *alarm.Alarm
	src     source
	tracker *alarm.Tracker
	// internal is src for internal alarms, which are sampled; else nil.
	internal *internalSource
	rec      record
	// rev is the KV revision rec was read or written at (0: none stored).
	rev uint64
	// dirty is true while rec has changes not yet written.
	dirty bool
	// Resolved once at start-up, so a bad action list fails the start.
	alarmPolicy, insufficientPolicy string
	okNotifiers                     []string
}

func newRunning(a *alarm.Alarm, cfg Config) (*running, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	r := &running{alarm: a, rec: record{State: alarm.StateInsufficientData}}
	r.tracker = alarm.NewTracker(a, r.rec.State)
	var err error
	if a.Metric.Internal != "" {
		if cfg.Gatherer == nil {
			return nil, errors.New("metric.internal needs a metrics gatherer")
		}
		r.internal, err = newInternalSource(a)
		r.src = r.internal
	} else {
		if cfg.Store == nil {
			return nil, errors.New("metric.query needs a metric store")
		}
		r.src, err = newStoreSource(a, cfg.Store)
	}
	if err != nil {
		return nil, err
	}
	return r, r.resolveActions(cfg)
}

// resolveActions turns the action lists into policies and notifier names.
func (r *running) resolveActions(cfg Config) error {
	resolve := cfg.ResolvePolicy
	if resolve == nil {
		resolve = defaultResolvePolicy
	}
	var errs []error
	var err error
	if r.alarmPolicy, err = resolve(r.alarm.AlarmActions); err != nil {
		errs = append(errs, fmt.Errorf("alarm_actions: %w", err))
	}
	if len(r.alarm.InsufficientDataActions) > 0 {
		if r.insufficientPolicy, err = resolve(r.alarm.InsufficientDataActions); err != nil {
			errs = append(errs, fmt.Errorf("insufficient_data_actions: %w", err))
		}
	}
	r.okNotifiers = r.alarm.OKActions
	if cfg.Notifiers != nil && len(r.alarm.OKActions) > 0 {
		if r.okNotifiers, err = cfg.Notifiers(r.alarm.OKActions); err != nil {
			errs = append(errs, fmt.Errorf("ok_actions: %w", err))
		}
	}
	return errors.Join(errs...)
}

func defaultResolvePolicy(names []string) (string, error) {
	switch len(names) {
	case 0:
		return "", nil
	case 1:
		return names[0], nil
	}
	return "", fmt.Errorf("%d actions need the service's policy resolver", len(names))
}

// load adopts a stored record (ok) or keeps the in-memory state (none
// stored yet: it is written at the next active evaluation).
func (r *running) load(s stored, ok bool) {
	if !ok {
		r.rev, r.dirty = s.rev, true
		return
	}
	r.rec, r.rev, r.dirty = s.record, s.rev, false
	r.tracker = alarm.NewTracker(r.alarm, r.rec.State)
}

// step evaluates the due period ends of r and, when persist, writes the
// state.
func (e *Evaluator) step(ctx context.Context, r *running, now time.Time, persist bool) error {
	err := e.evaluateDue(ctx, r, now)
	if persist && r.dirty {
		if werr := e.write(ctx, r); werr != nil {
			err = errors.Join(err, werr)
		}
	}
	return err
}

// evaluateDue evaluates every due period end not yet evaluated, oldest
// first, at most EvaluationRange of them: older ones could only have
// looked at periods outside the current range.
func (e *Evaluator) evaluateDue(ctx context.Context, r *running, now time.Time) error {
	a, due := r.alarm, e.dueEnd(r.alarm, now)
	// A stored end from before a change of period is realigned.
	last := r.rec.LastEnd
	if !last.IsZero() {
		last = align(last, a.Period)
	}
	if !last.Before(due) {
		return nil
	}
	first := due
	if !last.IsZero() {
		first = last.Add(a.Period)
	}
	if n := int(due.Sub(first)/a.Period) + 1; n > a.EvaluationRange() {
		e.metrics.skipped.WithLabelValues(a.Name).Add(float64(n - a.EvaluationRange()))
		first = due.Add(-time.Duration(a.EvaluationRange()-1) * a.Period)
	}
	for end := first; !end.After(due); end = end.Add(a.Period) {
		if err := e.evaluateEnd(ctx, r, end, now); err != nil {
			return err
		}
	}
	return nil
}

// evaluateEnd runs one evaluation of the period ending at end.
func (e *Evaluator) evaluateEnd(ctx context.Context, r *running, end, now time.Time) error {
	name := r.alarm.Name
	e.metrics.evaluations.WithLabelValues(name).Inc()
	pts, err := r.src.window(ctx, end)
	if err != nil {
		e.metrics.errors.WithLabelValues(name).Inc()
		return fmt.Errorf("alarm %s: period ending %s: %w", name, end.Format(time.RFC3339), err)
	}
	tr := r.tracker.Evaluate(end, pts)
	r.rec.LastEnd, r.dirty = end, true
	if r.rec.Reason == "" {
		r.rec.Reason = tr.Reason
	}
	if tr.Changed() {
		r.rec.State, r.rec.Reason, r.rec.Changed = tr.To, tr.Reason, now
		e.log.Info("alarm state changed", "alarm", name, "from", tr.From, "to", tr.To, "period_end", end)
		e.metrics.setState(name, tr.To)
	}
	last := math.NaN()
	if p := pts[len(pts)-1]; p.Present {
		last = p.Value
	}
	e.metrics.lastValue.WithLabelValues(name).Set(last)
	e.metrics.lastSuccess.WithLabelValues(name).Set(float64(now.UnixNano()) / 1e9)
	return nil
}

// write persists r's record at its revision. A conflict means another
// process wrote (it took over): the states are reloaded at the next active
// call instead of overwritten.
func (e *Evaluator) write(ctx context.Context, r *running) error {
	rev, err := e.states.put(ctx, r.alarm.Name, r.rec, r.rev)
	if err != nil {
		e.metrics.errors.WithLabelValues(r.alarm.Name).Inc()
		if errors.Is(err, alert.ErrConflict) {
			e.loaded = false
		}
		return err
	}
	r.rev, r.dirty = rev, false
	return nil
}
