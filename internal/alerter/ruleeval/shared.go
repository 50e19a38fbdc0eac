package ruleeval

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/store"
)

// With Options.MatchInMemory, rules whose runs read the same windows (same
// buffer_time, query_delay and previous end: in steady state, all rules
// with default settings) share one unfiltered read per cycle instead of
// two store queries each, and evaluate their filters on it with
// rule.Matches. At 1,000 rules this turns 2,000 queries per cycle into a
// handful (docs/BENCHMARKS.md, "Alerting"). The first run of a rule, and a
// run after a failure, still read from the store with the rule's filter.
//
// The overlap is checked for late events with unfiltered per-minute
// counts: the evaluator records them for (end - buffer, end] at the start
// of every cycle, before any rule reads, and compares them with fresh
// counts of the same range the next cycle (records first, then checks, so
// an event landing in between is always seen by one or the other). Equal
// counts mean no event arrived in between, since stores only add events;
// from the first minute that differs, the overlap is read again and every
// rule skips what it has already seen.

// windowKey names the overlap (end - buffer, end] of a group of rules.
type windowKey struct {
	end    int64
	buffer time.Duration
}

// groupKey names the rules that read the same windows this cycle.
type groupKey struct {
	window windowKey // the previous end and buffer: the overlap
	end    int64     // this run's end
}

// sharedRead is one group's events of this cycle, decoded once.
type sharedRead struct {
	events    []rule.Event
	ids       []seenEvent
	truncated bool
}

// minSharedGroup is the smallest group read together: below it, filtered
// store queries are as cheap as an unfiltered read.
const minSharedGroup = 8

// baselines records the unfiltered per-interval counts of (end - buffer,
// end] for every window the rules' next runs will check; it returns the
// new set, keyed by window.
func (e *Evaluator) baselines(ctx context.Context, now time.Time) map[windowKey][]store.Bucket {
	out := map[windowKey][]store.Bucket{}
	for _, rs := range e.rules {
		k := windowKey{end: now.Add(-rs.rule.QueryDelay).UnixNano(), buffer: rs.buffer}
		if _, done := out[k]; done {
			continue
		}
		if b, err := e.histogram(ctx, k); err == nil {
			out[k] = b
		}
	}
	return out
}

// histogram counts every event per interval over the window's overlap.
func (e *Evaluator) histogram(ctx context.Context, k windowKey) ([]store.Bucket, error) {
	end := time.Unix(0, k.end)
	lo := end.Add(-k.buffer)
	e.shared.queries.Inc()
	res, err := e.store.Aggregate(ctx, store.AggregateRequest{
		Query: query.MatchAll{}, From: after(lo), To: after(end), Interval: max(time.Minute, k.buffer/overlapBuckets),
	})
	return res.Buckets, err
}

// sharedReads groups the rules that read the same windows this cycle and
// reads each group's events once. A rule missing from the result reads
// on its own; so does every rule of a group whose read failed.
func (e *Evaluator) sharedReads(ctx context.Context, now time.Time, prev map[windowKey][]store.Bucket) map[*ruleState]*sharedRead {
	groups := map[groupKey][]*ruleState{}
	for _, rs := range e.rules {
		end := now.Add(-rs.rule.QueryDelay)
		if rs.prevEnd.IsZero() || !end.After(rs.prevEnd) || !rs.seeded {
			continue
		}
		k := groupKey{window: windowKey{end: rs.prevEnd.UnixNano(), buffer: rs.buffer}, end: end.UnixNano()}
		groups[k] = append(groups[k], rs)
	}
	out := map[*ruleState]*sharedRead{}
	for k, rules := range groups {
		base, ok := prev[k.window]
		if len(rules) < e.minShared || !ok {
			continue
		}
		sr, err := e.readGroup(ctx, k, base)
		if err != nil {
			e.logger.Warn("shared read failed; the group's rules read on their own", "err", err)
			continue
		}
		for _, rs := range rules {
			out[rs] = sr
		}
	}
	return out
}

// readGroup reads the changed part of the group's overlap and its new
// range, unfiltered.
func (e *Evaluator) readGroup(ctx context.Context, k groupKey, base []store.Bucket) (*sharedRead, error) {
	fresh, err := e.histogram(ctx, k.window)
	if err != nil {
		return nil, fmt.Errorf("count overlap: %w", err)
	}
	prevEnd, end := time.Unix(0, k.window.end), time.Unix(0, k.end)
	rd := &reader{
		store: e.store, filter: query.MatchAll{}, pageSize: e.opts.MaxQuerySize, maxEvents: e.opts.MaxRunEvents,
		seen: &seenSet{}, metrics: e.shared, pending: map[seenEvent]struct{}{},
	}
	if from, changed := firstChange(base, fresh, prevEnd.Add(-k.window.buffer)); changed {
		if err := rd.readRange(ctx, from, prevEnd); err != nil {
			return nil, err
		}
	}
	if err := rd.readRange(ctx, prevEnd, end); err != nil {
		return nil, err
	}
	return &sharedRead{events: rd.events, ids: rd.ids, truncated: rd.truncated}, nil
}

// firstChange compares two histograms of the same range and returns the
// exclusive start of the first bucket that differs (lo for a bucket before
// the range's first), and whether one does.
func firstChange(base, fresh []store.Bucket, lo time.Time) (time.Time, bool) {
	for i := 0; i < max(len(base), len(fresh)); i++ {
		if i < len(base) && i < len(fresh) && base[i].Key == fresh[i].Key && base[i].Count == fresh[i].Count {
			continue
		}
		var start time.Time
		for _, h := range [][]store.Bucket{base, fresh} {
			if i < len(h) {
				if t, ok := h[i].Key.(time.Time); ok && (start.IsZero() || t.Before(start)) {
					start = t
				}
			}
		}
		if start.IsZero() || !start.After(lo) {
			return lo, true
		}
		return start.Add(-time.Nanosecond), true
	}
	return time.Time{}, false
}

// fromShared takes the rule's events from its group's read: those its
// filter matches and it has not seen.
func (rs *ruleState) fromShared(sr *sharedRead, now time.Time) (*reader, error) {
	rd := rs.newReader()
	rd.truncated = sr.truncated
	for i, ev := range sr.events {
		ok, err := rule.Matches(rs.rule.Filter, ev, now)
		if err != nil {
			return nil, fmt.Errorf("filter: %w", err)
		}
		if !ok || rs.seen.has(sr.ids[i]) {
			continue
		}
		rd.events = append(rd.events, ev)
		rd.ids = append(rd.ids, sr.ids[i])
	}
	rd.ids = slices.Clip(rd.ids)
	return rd, nil
}
