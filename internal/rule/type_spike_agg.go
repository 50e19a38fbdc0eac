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
	qk     []string // query_key without Kibana's .keyword suffixes
	metric string   // metric_<key>_<type>, the match's field for the metric
	run    []Event
}

func newSpikeAgg(r *Rule) *spikeAgg {
	qk := make([]string, len(r.QueryKey))
	for i, f := range r.QueryKey {
		qk[i] = fieldName(f)
	}
	return &spikeAgg{spike: newSpike(r), qk: qk, metric: metricName(r)}
}

// Add collects the run's events; the metric is computed at Tick.
func (a *spikeAgg) Add(events []Event) []Match {
	a.run = append(a.run, events...)
	return nil
}

// Tick feeds the run's metrics to the spike windows, then moves every
// window on. Without query_key the whole run is one group, even when
// empty (a sum or count of 0).
func (a *spikeAgg) Tick(ts time.Time) []Match {
	a.out = nil
	groups := []group{{events: a.run}}
	if len(a.qk) > 0 {
		groups = termGroups(a.run, a.qk, a.r.MinDocCount)
	}
	for _, g := range groups {
		if v, ok := metricValue(a.r, g.events); ok {
			doc := aggDoc(a.r, a.qk, g.key, g.events, ts, map[string]any{a.metric: v})
			a.handle(windowItem{ev: doc, count: v}, g.key)
		}
	}
	a.run = nil
	a.tick(ts)
	return a.out
}
