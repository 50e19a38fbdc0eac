package ruleeval

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/logstack/logstack/internal/rule"
)

// ruleState is one rule's live state between runs: its engine and
// aggregator, the end of the last successful run's window, the events seen
// in the overlap, and its open episodes.
type ruleState struct {
	rule     *rule.Rule
	store    Store
	engine   *rule.Engine
	agg      *rule.Aggregator
	opts     *Options
	buffer   time.Duration
	resolve  time.Duration
	policy   string
	logger   *slog.Logger
	metrics  *ruleMetrics
	seen     seenSet
	prevEnd  time.Time // zero before the first successful run
	seeded   bool
	warned   bool // the truncation warning was logged
	episodes map[string]*episode
}

func newRuleState(s Store, r *rule.Rule, opts *Options, m *metrics, logger *slog.Logger) (*ruleState, error) {
	eng, err := rule.NewEngine(r)
	if err != nil {
		return nil, err
	}
	policy, err := opts.ResolvePolicy(r.Alert)
	if err != nil {
		return nil, fmt.Errorf("rule %q: alert %v: %w", r.Name, r.Alert, err)
	}
	buffer := r.BufferTime
	if buffer <= 0 {
		buffer = opts.BufferTime
	}
	return &ruleState{
		rule: r, store: s, engine: eng, agg: rule.NewAggregator(r), opts: opts, buffer: buffer,
		resolve: resolveAfter(r, opts.RunEvery), policy: policy,
		logger: logger.With("rule", r.Name), metrics: m.forRule(r.Name), episodes: map[string]*episode{},
	}, nil
}

func (rs *ruleState) newReader() *reader {
	return &reader{
		store: rs.store, filter: rs.rule.Filter, pageSize: rs.opts.MaxQuerySize,
		maxEvents: rs.opts.MaxRunEvents, seen: &rs.seen, metrics: rs.metrics,
		pending: map[seenEvent]struct{}{},
	}
}

// run evaluates the rule once at now. On error nothing changes: the next
// run reads the same window again and the episodes stay as they were.
// shared, when set, holds the events of this run's windows read once for
// the rule's group (see shared.go).
func (rs *ruleState) run(ctx context.Context, now time.Time, shared *sharedRead) error {
	start := time.Now()
	defer func() { rs.metrics.duration.Observe(time.Since(start).Seconds()) }()
	if err := rs.step(ctx, now, shared); err != nil {
		rs.metrics.errors.Inc()
		return fmt.Errorf("rule %q: %w", rs.rule.Name, err)
	}
	rs.metrics.lastOK.Set(float64(now.UnixNano()) / 1e9)
	return nil
}

func (rs *ruleState) step(ctx context.Context, now time.Time, shared *sharedRead) error {
	end := now.Add(-rs.rule.QueryDelay)
	if !rs.seeded {
		if err := rs.seed(ctx, end.Add(-rs.warmup())); err != nil {
			return err
		}
		rs.seeded = true
	}
	var rd *reader
	var err error
	if shared != nil {
		rd, err = rs.fromShared(shared, now)
	} else {
		rd, err = rs.read(ctx, end)
	}
	if err != nil {
		return err
	}
	if rd.truncated {
		rs.metrics.truncated.Inc()
		if !rs.warned {
			rs.warned = true
			rs.logger.Warn("rule run stopped reading at the event cap; later runs that reach it are only counted",
				"cap", rs.opts.MaxRunEvents, "metric", "logstack_rule_truncated_runs_total")
		}
	}
	sortEvents(rd.events)
	raw, alerts := rs.engine.RunLive(rd.events, end)
	rs.metrics.matches.Add(float64(len(raw)))
	rs.observe(raw, now)
	for _, m := range alerts {
		rs.notify(rs.agg.Add(m, now), now)
	}
	rs.notify(rs.agg.Due(now), now)
	rs.expire(now)
	rs.seen.add(rd.ids)
	if end.After(rs.prevEnd) {
		rs.prevEnd = end
	}
	rs.seen.forget(rs.prevEnd.Add(-rs.buffer).UnixNano())
	return nil
}

// warmup is how far back the first run reads, so that windows are full
// after a restart.
func (rs *ruleState) warmup() time.Duration { return max(rs.buffer, rs.rule.Timeframe) }

// read fetches the run's unseen events: on the first run everything since
// end - warmup; later the part of the overlap (prevEnd - buffer, prevEnd]
// where per-interval counts say that events arrived late, and then
// (prevEnd, end].
func (rs *ruleState) read(ctx context.Context, end time.Time) (*reader, error) {
	rd := rs.newReader()
	if rs.prevEnd.IsZero() {
		return rd, rd.readRange(ctx, end.Add(-rs.warmup()), end)
	}
	lo, mid := rs.prevEnd.Add(-rs.buffer), minTime(rs.prevEnd, end)
	if lo.Before(mid) {
		from, changed, err := rd.changedSince(ctx, lo, mid)
		if err != nil {
			return nil, err
		}
		if changed {
			if err := rd.readRange(ctx, from, mid); err != nil {
				return nil, err
			}
		}
	}
	if end.After(mid) {
		if err := rd.readRange(ctx, mid, end); err != nil {
			return nil, err
		}
	}
	return rd, nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// sortEvents orders a run's events by time, as rule types expect; the
// overlap's late events come before the new range's.
func sortEvents(evs []rule.Event) {
	slices.SortStableFunc(evs, func(a, b rule.Event) int { return a.Time.Compare(b.Time) })
}
