package alarmeval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/store"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// DefaultDelay is alerting.alarm_delay's default: a period is evaluated one
// minute after it ends, which lets events shipped with a little latency
// land in the store first.
const DefaultDelay = time.Minute

// Config wires an Evaluator.
type Config struct {
	// Alarms are the loaded alarms; names must be unique.
	Alarms []*alarm.Alarm
	// Store serves query alarms; required when one has metric.query.
	Store store.MetricStore
	// Gatherer serves internal alarms (usually the process's registry);
	// required when one has metric.internal.
	Gatherer prometheus.Gatherer
	// JetStream holds the state bucket <BucketPrefix>_alarms; BucketPrefix
	// "" means alert.DefaultBucketPrefix, as for the alert store.
	JetStream    jetstream.JetStream
	BucketPrefix string
	// Delay is how long after a period's end it is evaluated; 0 means
	// DefaultDelay.
	Delay time.Duration
	// ResolvePolicy turns an action list into an escalation policy name
	// (the service's resolver; see HELPERS' "Policy names"). nil accepts
	// an empty list ("", the default policy) or one name (itself).
	ResolvePolicy func(names []string) (string, error)
	// Notifiers expands ok_actions (notifier or policy names) into the
	// notifier names that get the resolved notice; nil takes the names as
	// notifier names.
	Notifiers func(names []string) ([]string, error)
	// Log receives state changes (rare by design); nil discards.
	Log *slog.Logger
	// Registerer registers the per-alarm metrics; nil does not register.
	Registerer prometheus.Registerer
}

// Evaluator runs alarms and reports which are firing. Evaluate and Status
// may be called from different goroutines; calls are serialised.
type Evaluator struct {
	mu       sync.Mutex
	alarms   []*running
	states   *stateStore
	gatherer prometheus.Gatherer
	delay    time.Duration
	// loaded is true while this process is active and its alarm states
	// are the stored ones; becoming active reloads them.
	loaded  bool
	log     *slog.Logger
	metrics *metrics
}

// New validates cfg, opens the state bucket and loads the stored states.
// Every problem with the alarms is reported at once.
func New(ctx context.Context, cfg Config) (*Evaluator, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Delay == 0 {
		cfg.Delay = DefaultDelay
	}
	if cfg.Delay < 0 {
		return nil, fmt.Errorf("alarm evaluator: negative alarm_delay %s", cfg.Delay)
	}
	if cfg.JetStream == nil {
		return nil, errors.New("alarm evaluator: JetStream is required for the alarm state bucket")
	}
	e := &Evaluator{gatherer: cfg.Gatherer, delay: cfg.Delay,
		log: cfg.Log.With("component", "alarmeval"), metrics: newMetrics(cfg.Registerer)}
	if err := e.build(cfg); err != nil {
		return nil, err
	}
	states, err := openStateStore(ctx, cfg.JetStream, cfg.BucketPrefix)
	if err != nil {
		return nil, err
	}
	e.states = states
	// Start from the stored states, so even a standby reports an ALARM
	// that was raised before it started; the first active call reloads.
	if err := e.reload(ctx); err != nil && !errors.Is(err, errCorrupt) {
		return nil, err
	}
	e.loaded = false
	return e, nil
}

// build prepares every alarm, collecting all problems.
func (e *Evaluator) build(cfg Config) error {
	var errs []error
	seen := map[string]bool{}
	for _, a := range cfg.Alarms {
		if seen[a.Name] {
			errs = append(errs, fmt.Errorf("alarm %q defined twice", a.Name))
			continue
		}
		seen[a.Name] = true
		r, err := newRunning(a, cfg)
		if err != nil {
			errs = append(errs, fmt.Errorf("alarm %q: %w", a.Name, err))
			continue
		}
		e.alarms = append(e.alarms, r)
		e.metrics.init(a.Name, r.rec.State)
	}
	slices.SortFunc(e.alarms, func(x, y *running) int { return strings.Compare(x.alarm.Name, y.alarm.Name) })
	return errors.Join(errs...)
}

// Evaluate samples the internal metrics, evaluates every period end that
// is due at now (each end Delay after it passed, missed ones in order, at
// most evaluation_periods+2 per alarm) and returns the firing set. Call it
// every alerting.run_every: an end is evaluated at the first call at or
// after end+Delay, and internal metrics are sampled once per call.
//
// active says whether this process is the active alerter (the service
// passes its lease's Held(now)). Only an active process writes alarm
// states; on becoming active it first reloads them, so a standby, which
// evaluates too and keeps warm, never clobbers the active one's.
//
// The firing set is returned even with an error: an alarm whose
// evaluation failed keeps its state and retries the period at the next
// call, so a store outage does not resolve its alerts.
func (e *Evaluator) Evaluate(ctx context.Context, now time.Time, active bool) ([]alert.Match, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var errs []error
	if err := e.sample(now); err != nil {
		errs = append(errs, err)
	}
	switch {
	case !active:
		e.loaded = false
	case !e.loaded:
		if err := e.reload(ctx); err != nil {
			errs = append(errs, err)
		}
		if err := e.purgeRemoved(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	for _, r := range e.alarms {
		if err := e.step(ctx, r, now, active && e.loaded); err != nil {
			errs = append(errs, err)
		}
	}
	return e.firing(), errors.Join(errs...)
}

// sample gathers once and lets every internal alarm take its sample.
func (e *Evaluator) sample(now time.Time) error {
	var internal []*internalSource
	for _, r := range e.alarms {
		if r.internal != nil {
			internal = append(internal, r.internal)
		}
	}
	if len(internal) == 0 {
		return nil
	}
	fams, err := e.gatherer.Gather() // partial results come with the error
	byName := make(map[string]*dto.MetricFamily, len(fams))
	for _, f := range fams {
		byName[f.GetName()] = f
	}
	for _, r := range e.alarms {
		if r.internal != nil {
			r.internal.observe(now, byName)
			r.internal.prune(e.keepFrom(r.alarm, now))
		}
	}
	if err != nil {
		return fmt.Errorf("alarm evaluator: gather internal metrics: %w", err)
	}
	return nil
}

// keepFrom is the oldest sample time an evaluation due at now or later can
// read: the range start of the oldest end a catch-up may evaluate.
func (e *Evaluator) keepFrom(a *alarm.Alarm, now time.Time) time.Time {
	oldest := e.dueEnd(a, now).Add(-time.Duration(a.EvaluationRange()) * a.Period)
	return rangeStart(a, oldest)
}

// dueEnd is the latest period end that is at least Delay old at now.
func (e *Evaluator) dueEnd(a *alarm.Alarm, now time.Time) time.Time {
	return align(now.Add(-e.delay), a.Period)
}

// reload replaces every alarm's state by the stored one, when there is
// one. An unreadable record is reported and then overwritten, rather than
// keeping the evaluator from ever persisting again.
func (e *Evaluator) reload(ctx context.Context) error {
	var errs []error
	for _, r := range e.alarms {
		s, ok, err := e.states.get(ctx, r.alarm.Name)
		if err != nil && !errors.Is(err, errCorrupt) {
			return err
		}
		if err != nil {
			e.metrics.errors.WithLabelValues(r.alarm.Name).Inc()
			errs = append(errs, err)
		}
		r.load(s, ok)
		e.metrics.setState(r.alarm.Name, r.rec.State)
	}
	e.loaded = true
	return errors.Join(errs...)
}

// purgeRemoved drops the stored states of alarms no longer configured;
// only the active process does it, once per activation (each start,
// failover or config reload).
func (e *Evaluator) purgeRemoved(ctx context.Context) error {
	names := make([]string, len(e.alarms))
	for i, r := range e.alarms {
		names[i] = r.alarm.Name
	}
	n, err := e.states.purgeExcept(ctx, names)
	if n > 0 {
		e.log.Info("purged the states of removed alarms", "count", n)
	}
	return err
}
