package rule

import "time"

// spikeAgg is spike_aggregation: each run's events make one metric per
// query_key value (metric_agg_type of metric_agg_key, as metric_aggregation
// computes it over a run), and that metric, stamped with the run's end,
// is what the spike windows hold. A value with no metric in a run (the
// average of no number; a query_key value with fewer than min_doc_count
// events) adds nothing. After a start, the first run also reads the
// warm-up and its metric covers that longer span; it has left the windows
// before the two timeframes that must pass before anything fires.
type spikeAgg struct {
	*spike
	qk  []string // query_key without Kibana's .keyword suffixes
	run []Event
}

func newSpikeAgg(r *Rule) *spikeAgg {
	qk := make([]string, len(r.QueryKey))
	for i, f := range r.QueryKey {
		qk[i] = fieldName(f)
	}
	return &spikeAgg{spike: newSpike(r), qk: qk}
}

// Add collects the run's events; the metric is computed at Tick.
func (a *spikeAgg) Add(events []Event) []Match {
	a.run = append(a.run, events...)
	return nil
}

func (a *spikeAgg) Tick(ts time.Time) []Match {
	a.out = nil
	for _, g := range a.groups() {
		if v, ok := metricValue(a.r, g.events); ok {
			a.handle(windowItem{ev: a.runEvent(g, ts, v), count: v}, g.key)
		}
	}
	a.run = nil
	a.tick(ts)
	return a.out
}

// group is one query_key value's events of a run.
type group struct {
	key    groupKey
	events []Event
}

// groups splits the run as the terms aggregation under query_key does:
// events without the field are left out. Without query_key the whole run
// is one group, even when empty (a sum or count of 0).
func (a *spikeAgg) groups() []group {
	if len(a.qk) == 0 {
		return []group{{events: a.run}}
	}
	byKey := map[groupKey][]Event{}
	for _, ev := range a.run {
		if k := keyOf(ev.Fields, a.qk); k.has {
			byKey[k] = append(byKey[k], ev)
		}
	}
	out := make([]group, 0, len(byKey))
	for _, k := range sortedKeys(byKey) {
		if len(byKey[k]) >= max(a.r.MinDocCount, 1) {
			out = append(out, group{key: k, events: byKey[k]})
		}
	}
	return out
}

// runEvent is the document a run's metric stands for, which a match
// carries: @timestamp, the query_key fields (named as in the rule) and the
// metric as metric_<key>_<type>.
func (a *spikeAgg) runEvent(g group, ts time.Time, v float64) Event {
	fields := map[string]any{timestampField: ts.Format(time.RFC3339Nano),
		"metric_" + a.r.MetricAggKey + "_" + a.r.MetricAggType: v}
	if len(g.events) > 0 {
		for i, f := range a.r.QueryKey {
			if v, ok := Lookup(g.events[0].Fields, a.qk[i]); ok {
				fields[f] = v
			}
		}
	}
	return Event{Time: ts, Fields: fields}
}
