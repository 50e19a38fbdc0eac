package rule

import (
	"sort"
	"time"
)

// Notification is what the alerter would send for a rule: one match, or
// with aggregation every match of a batch.
type Notification struct {
	// Time is when it is sent: the run that found the match, or with
	// aggregation the first run at or after the batch's alert time.
	Time time.Time
	Rule string
	// Matches are in the order they were found; never empty.
	Matches []Match
	// AggregationKey is the batch's aggregation_key value ("" and
	// HasAggregationKey false without one).
	AggregationKey    string
	HasAggregationKey bool
}

// batch is one pending aggregated notification.
type batch struct {
	alertAt time.Time
	seq     int
	n       Notification
}

// Aggregator batches matches that passed realert, as ElastAlert2's
// aggregation does (realert is checked first, as there): the first match of
// an aggregation_key value opens a batch due at the run's time plus
// aggregation (or at the schedule's next time after the run); later
// matches with that value join it, unless their event time is after the
// batch's alert time, which opens a new batch (the old one is still sent). A batch is sent by the first run at or after its alert
// time. Without aggregation every match is sent at once. It works in
// simulated time, like the rule types.
type Aggregator struct {
	rule    *Rule
	open    map[groupKey]*batch
	pending []*batch
	seq     int
}

// NewAggregator builds the aggregation state of r.
func NewAggregator(r *Rule) *Aggregator {
	return &Aggregator{rule: r, open: map[groupKey]*batch{}}
}

// Add takes a match found by the run at now and returns what is sent at
// once: the match itself without aggregation, nothing otherwise.
func (a *Aggregator) Add(m Match, now time.Time) []Notification {
	if !a.rule.Aggregates() {
		return []Notification{{Time: now, Rule: a.rule.Name, Matches: []Match{m}}}
	}
	k := keyOf(m.Event.Fields, a.rule.AggregationKey)
	b := a.open[k]
	if b == nil || b.alertAt.Before(m.Event.Time) {
		a.seq++
		b = &batch{alertAt: a.alertAt(m, now), seq: a.seq, n: Notification{
			Rule: a.rule.Name, AggregationKey: k.value, HasAggregationKey: k.has,
		}}
		a.open[k] = b
		a.pending = append(a.pending, b)
	}
	b.n.Matches = append(b.n.Matches, m)
	return nil
}

// alertAt is when a batch that m opens at the run at now is due: the
// schedule's next time after now, or the aggregation time after now (with
// aggregate_by_match_time, after m's event time; that may be due at once).
func (a *Aggregator) alertAt(m Match, now time.Time) time.Time {
	if s := a.rule.AggregationSchedule; s != nil {
		return s.Next(now)
	}
	if a.rule.AggregateByMatchTime {
		return m.Event.Time.Add(a.rule.Aggregation)
	}
	return now.Add(a.rule.Aggregation)
}

// Due sends, at the run at now, the batches whose alert time has come, in
// order of alert time and then of opening.
func (a *Aggregator) Due(now time.Time) []Notification {
	return a.take(func(b *batch) (time.Time, bool) { return now, !b.alertAt.After(now) })
}

// Flush sends every pending batch, each at sendAt(its alert time): a
// replay that ends calls it so that no batch is lost.
func (a *Aggregator) Flush(sendAt func(alertAt time.Time) time.Time) []Notification {
	return a.take(func(b *batch) (time.Time, bool) { return sendAt(b.alertAt), true })
}

func (a *Aggregator) take(due func(*batch) (time.Time, bool)) []Notification {
	sort.SliceStable(a.pending, func(i, j int) bool {
		if !a.pending[i].alertAt.Equal(a.pending[j].alertAt) {
			return a.pending[i].alertAt.Before(a.pending[j].alertAt)
		}
		return a.pending[i].seq < a.pending[j].seq
	})
	var out []Notification
	keep := a.pending[:0]
	for _, b := range a.pending {
		at, ok := due(b)
		if !ok {
			keep = append(keep, b)
			continue
		}
		b.n.Time = at
		out = append(out, b.n)
		for k, o := range a.open {
			if o == b {
				delete(a.open, k)
			}
		}
	}
	a.pending = keep
	return out
}
