package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/logstack/logstack/internal/notify"
	"github.com/prometheus/client_golang/prometheus"
)

// Runner runs engine steps for one alerter process: while it holds the
// lease it loads the state, steps, persists the new state, sends the due
// notifications and records each outcome before sending the next, so a
// crash or a takeover resends at most the one notification in flight.
// A Runner is not safe for concurrent use; call Tick from one goroutine.
type Runner struct {
	eng       *Engine
	store     Store
	lease     *Lease
	notifiers map[string]notify.Notifier
	log       *slog.Logger
	sent      *prometheus.CounterVec
	active    prometheus.Gauge
}

// NewRunner wires an engine to its store, lease and notifiers (by
// configured name; usually notify.Retrier values). log nil discards, reg
// nil does not register the metrics.
func NewRunner(eng *Engine, store Store, lease *Lease, notifiers map[string]notify.Notifier, log *slog.Logger, reg prometheus.Registerer) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Runner{eng: eng, store: store, lease: lease, notifiers: notifiers,
		log: log.With("component", "alert"),
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alert_notifications_total",
			Help: "Alert notifications by rule (or alarm), notifier and outcome (delivered, refused, failed, silenced).",
		}, []string{"rule", "notifier", "outcome"}),
		active: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "logstack_alert_lease_active",
			Help: "1 while this process holds the alerter lease and sends notifications.",
		}),
	}
	if reg != nil {
		reg.MustRegister(r.sent, r.active)
	}
	return r
}

// Tick runs one step at now with the currently firing matches and reports
// whether this process was the active alerter. A standby process returns
// (false, nil) without touching the state.
func (r *Runner) Tick(ctx context.Context, now time.Time, firing []Match) (bool, error) {
	held, err := r.lease.Acquire(ctx, now)
	if err != nil || !held {
		r.active.Set(0)
		return false, err
	}
	r.active.Set(1)
	stored, in, err := r.load(ctx)
	if err != nil {
		return true, err
	}
	in.Firing = firing
	prev := Snapshot{Alerts: make(map[string]Alert, len(stored))}
	for k, s := range stored {
		prev.Alerts[k] = s.Alert
	}
	next, out := r.eng.Step(now, prev, in)
	if err := r.persist(ctx, stored, next); err != nil {
		return true, err
	}
	for _, o := range out {
		// Confirm the lease before each send: a process that lost it to
		// a takeover during this tick stops before sending, not after.
		if held, err := r.lease.Acquire(ctx, now); err != nil || !held {
			r.active.Set(0)
			return false, errors.Join(errors.New("alert: lease lost while sending"), err)
		}
		err := r.send(ctx, o)
		if !Record(next, o, err, now) {
			continue
		}
		k := o.Notification.AlertKey
		rev, perr := r.store.PutAlert(ctx, next.Alerts[k], stored[k].Revision)
		if perr != nil {
			return true, fmt.Errorf("alert: record %s to %s: %w", k, o.Notifier, perr)
		}
		stored[k] = StoredAlert{Alert: next.Alerts[k], Revision: rev}
	}
	return true, nil
}

// Release gives up the lease on a clean shutdown, so that a standby
// process takes over at its next tick instead of after the lease's TTL.
// Call it from the goroutine that calls Tick, after the last Tick.
func (r *Runner) Release(ctx context.Context) error {
	r.active.Set(0)
	return r.lease.Release(ctx)
}

// load reads alerts, acks and silences.
func (r *Runner) load(ctx context.Context) (map[string]StoredAlert, Input, error) {
	var in Input
	stored, err := r.store.Alerts(ctx)
	if err != nil {
		return nil, in, err
	}
	if in.Acks, err = r.store.Acks(ctx); err != nil {
		return nil, in, err
	}
	if in.Silences, err = r.store.Silences(ctx); err != nil {
		return nil, in, err
	}
	return stored, in, nil
}

// persist writes the alerts that changed and deletes the dropped ones,
// updating stored's revisions.
func (r *Runner) persist(ctx context.Context, stored map[string]StoredAlert, next Snapshot) error {
	for k, a := range next.Alerts {
		s, ok := stored[k]
		if ok && sameJSON(s.Alert, a) {
			continue
		}
		start := 0
		if ok && s.Alert.DedupKey() == a.DedupKey() && len(s.Alert.Log) <= len(a.Log) {
			start = len(s.Alert.Log)
		}
		for _, l := range a.Log[start:] {
			if l.Outcome == OutcomeSilenced {
				r.sent.WithLabelValues(a.Key.Rule, l.Notifier, string(l.Outcome)).Inc()
			}
		}
		rev, err := r.store.PutAlert(ctx, a, s.Revision)
		if err != nil {
			return err
		}
		stored[k] = StoredAlert{Alert: a, Revision: rev}
	}
	for k, s := range stored {
		if _, ok := next.Alerts[k]; !ok {
			if err := r.store.DeleteAlert(ctx, k, s.Revision); err != nil {
				return err
			}
			delete(stored, k)
		}
	}
	return nil
}

// send delivers o through its notifier; an unknown name is a permanent
// error (a configuration mistake that retrying cannot fix).
func (r *Runner) send(ctx context.Context, o Outgoing) error {
	n, ok := r.notifiers[o.Notifier]
	var err error
	if !ok {
		err = notify.Permanentf("unknown notifier %q", o.Notifier)
	} else {
		err = n.Notify(ctx, o.Notification)
	}
	r.sent.WithLabelValues(o.Notification.Rule, o.Notifier, string(OutcomeOf(err))).Inc()
	if err != nil {
		r.log.Warn("alert notification not delivered", "alert_key", o.Notification.AlertKey,
			"notifier", o.Notifier, "state", o.Notification.State, "outcome", OutcomeOf(err), "error", err)
	}
	return err
}

// sameJSON compares alerts as stored, so that a time's monotonic reading
// or location does not cause a needless write.
func sameJSON(a, b Alert) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}
