package rule

import (
	"fmt"
	"sort"
	"time"
)

// ReplayOptions bound a replay. Zero From/Until mean the first/last event.
type ReplayOptions struct {
	From, Until time.Time
	// Every is the simulated run interval (the alerter's run_every).
	Every time.Duration
}

// Replay runs r over recorded events in simulated time, as the alerter
// would have run it, and returns the notifications it would have sent.
//
// Runs happen at From (default: the first event's time) and then every
// Every, until a run's window has reached Until (default: the last
// event). The run at T queries events with @timestamp in (end of the
// previous run's window, T - query_delay] that match the filter (now-relative
// date math read at T); the first run's window is open at the start, and
// events outside [From, Until] are dropped. buffer_time changes nothing in
// a replay: ElastAlert2 re-queries that much history to catch late
// events, and a replay has every event at its @timestamp. Each run's
// events go through the rule type, realert and aggregation (Engine,
// Aggregator); batches still pending after the last run are sent at the
// first run time at or after their alert time, as if the replay went on.
// A rule type that learns from history (new_term, see Historian) is first
// seeded with the matching events of its history window before From;
// they produce no notification.
func Replay(r *Rule, events []Event, opt ReplayOptions) ([]Notification, error) {
	if opt.Every <= 0 {
		return nil, fmt.Errorf("%w: run interval must be positive", ErrInvalid)
	}
	eng, err := NewEngine(r)
	if err != nil {
		return nil, err
	}
	events = sortedEvents(events)
	if err := seed(r, eng, events, opt.From); err != nil {
		return nil, err
	}
	events = inSpan(events, opt.From, opt.Until)
	from, until := opt.From, opt.Until
	if len(events) == 0 && (from.IsZero() || until.IsZero()) {
		return nil, nil
	}
	if from.IsZero() {
		from = events[0].Time
	}
	if until.IsZero() {
		until = events[len(events)-1].Time
	}
	if until.Before(from) {
		return nil, fmt.Errorf("%w: --until %s is before --from %s", ErrInvalid, until.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	if runs := until.Sub(from) / opt.Every; runs > maxReplayRuns {
		return nil, fmt.Errorf("%w: %d runs of %s; use a longer --run-every or a shorter span", ErrInvalid, runs, opt.Every)
	}
	agg := NewAggregator(r)
	var out []Notification
	next := 0
	for run := from; ; run = run.Add(opt.Every) {
		end := run.Add(-r.QueryDelay)
		var batch []Event
		for ; next < len(events) && !events[next].Time.After(end); next++ {
			ok, err := Matches(r.Filter, events[next], run)
			if err != nil {
				return nil, fmt.Errorf("rule %q: %w", r.Name, err)
			}
			if ok {
				batch = append(batch, events[next])
			}
		}
		for _, m := range eng.Run(batch, end) {
			out = append(out, agg.Add(m, run)...)
		}
		out = append(out, agg.Due(run)...)
		if !end.Before(until) {
			break
		}
	}
	return append(out, agg.Flush(func(t time.Time) time.Time { return nextRun(from, opt.Every, t) })...), nil
}

// seed gives a rule type that learns from history (new_term) the events
// of [from - History, from) that match the filter, with now at from, as
// the alerter seeds it before its first run. Without from there is no
// history: the replay starts at the first event.
func seed(r *Rule, eng *Engine, sorted []Event, from time.Time) error {
	h := eng.History()
	if h <= 0 || from.IsZero() {
		return nil
	}
	start := from.Add(-h)
	var past []Event
	for _, ev := range sorted {
		if !ev.Time.Before(from) {
			break
		}
		if ev.Time.Before(start) {
			continue
		}
		ok, err := Matches(r.Filter, ev, from)
		if err != nil {
			return fmt.Errorf("rule %q: %w", r.Name, err)
		}
		if ok {
			past = append(past, ev)
		}
	}
	eng.Seed(past)
	return nil
}

// maxReplayRuns bounds a replay's work: a year of one-minute runs.
const maxReplayRuns = 366 * 24 * 60

// nextRun is the first run time at or after t.
func nextRun(from time.Time, every time.Duration, t time.Time) time.Time {
	if !t.After(from) {
		return from
	}
	n := (t.Sub(from) + every - 1) / every
	return from.Add(n * every)
}

// sortedEvents sorts a copy by time, keeping file order for equal times.
func sortedEvents(events []Event) []Event {
	s := append([]Event(nil), events...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Time.Before(s[j].Time) })
	return s
}

// inSpan keeps the events in [from, until]; zero bounds are open.
func inSpan(events []Event, from, until time.Time) []Event {
	out := events[:0]
	for _, ev := range events {
		if (!from.IsZero() && ev.Time.Before(from)) || (!until.IsZero() && ev.Time.After(until)) {
			continue
		}
		out = append(out, ev)
	}
	return out
}
