package rule

import (
	"strconv"
	"testing"
	"time"
)

// benchEvents is n events a second apart over 100 hosts and 1000 users.
func benchEvents(n int) []Event {
	evs := make([]Event, n)
	for i := range evs {
		evs[i] = Event{Time: t0.Add(time.Duration(i) * time.Second), Fields: map[string]any{
			"host": "h" + strconv.Itoa(i%100), "user": "u" + strconv.Itoa(i%1000), "latency": float64(i % 500),
		}}
	}
	return evs
}

// BenchmarkMetricAggregationRun measures one run of 10,000 events: a
// p99 per host, as a large metric_aggregation run computes it.
func BenchmarkMetricAggregationRun(b *testing.B) {
	r := metricRule("percentiles", above(1000), byHost, func(r *Rule) { r.PercentileRange = 99 })
	evs := benchEvents(10000)
	typ, _ := NewType(r)
	b.ReportAllocs()
	for b.Loop() {
		typ.Add(evs)
		typ.Tick(at(200))
	}
}

// BenchmarkNewTermRun measures one run of 10,000 events against 1000
// known users (every term seen).
func BenchmarkNewTermRun(b *testing.B) {
	evs := benchEvents(10000)
	typ, _ := NewType(&Rule{Type: TypeNewTerm, NewTermFields: [][]string{{"user"}, {"host", "user"}}})
	typ.(Historian).Seed(evs)
	b.ReportAllocs()
	for b.Loop() {
		typ.Add(evs)
	}
}
