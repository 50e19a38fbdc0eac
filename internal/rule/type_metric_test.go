package rule

import (
	"slices"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
)

// lat is an event at minute m with a latency and a host.
func lat(m, ms float64, host string) Event {
	return evf(m, "latency", ms, "host", host)
}

func metricRule(typ string, mod ...func(*Rule)) *Rule {
	r := &Rule{Type: TypeMetricAgg, MetricAggKey: "latency", MetricAggType: typ, MinDocCount: 1}
	for _, m := range mod {
		m(r)
	}
	return r
}

func above(v float64) func(*Rule) {
	return func(r *Rule) { r.MaxThreshold, r.HasMaxThreshold = v, true }
}
func below(v float64) func(*Rule) {
	return func(r *Rule) { r.MinThreshold, r.HasMinThreshold = v, true }
}
func byHost(r *Rule) { r.QueryKey = []string{"host"} }
func buckets(min float64) func(*Rule) {
	return func(r *Rule) { r.BucketInterval = time.Duration(min * float64(time.Minute)) }
}

func TestMetricAggregation(t *testing.T) {
	cases := []struct {
		name string
		rule *Rule
		runs []run
		want []string
	}{
		{"avg above max_threshold", metricRule("avg", above(100)),
			[]run{{[]Event{lat(1, 50, "a"), lat(2, 200, "a")}, 2}}, []string{"2:-:2"}},
		{"thresholds are exclusive", metricRule("avg", above(100), below(10)),
			[]run{{[]Event{lat(1, 100, "a")}, 1}, {[]Event{lat(2, 10, "a")}, 2}}, nil},
		{"each run is one window", metricRule("max", above(100)),
			[]run{{[]Event{lat(1, 150, "a")}, 1}, {[]Event{lat(2, 50, "a")}, 2}, {[]Event{lat(3, 101, "a")}, 3}}, []string{"1:-:1", "3:-:1"}},
		{"min below min_threshold", metricRule("min", below(10)),
			[]run{{[]Event{lat(1, 50, "a"), lat(1.5, 5, "a")}, 2}}, []string{"2:-:2"}},
		{"an empty run has a sum of 0", metricRule("sum", below(1)),
			[]run{{nil, 1}}, []string{"1:-:0"}},
		{"an empty run has no avg", metricRule("avg", below(1)),
			[]run{{nil, 1}}, nil},
		{"value_count counts values, not events", metricRule("value_count", above(2)),
			[]run{{[]Event{lat(1, 1, "a"), evf(1, "latency", []any{1.0, 2.0}), evf(1, "host", "b")}, 1}}, []string{"1:-:3"}},
		{"cardinality counts distinct values", metricRule("cardinality", above(1)),
			[]run{{[]Event{lat(1, 1, "a"), lat(1, 1, "b")}, 1}, {[]Event{lat(2, 1, "a"), lat(2, 2, "b")}, 2}}, []string{"2:-:2"}},
		{"percentiles interpolate", metricRule("percentiles", above(94), func(r *Rule) { r.PercentileRange = 95 }),
			[]run{{[]Event{lat(1, 0, "a"), lat(1, 100, "a")}, 1}}, []string{"1:-:2"}},
		{"percentiles below", metricRule("percentiles", above(96), func(r *Rule) { r.PercentileRange = 95 }),
			[]run{{[]Event{lat(1, 0, "a"), lat(1, 100, "a")}, 1}}, nil},
		{"numeric strings count", metricRule("sum", above(2)),
			[]run{{[]Event{evf(1, "latency", "1.5"), evf(1, "latency", "2"), evf(1, "latency", "x")}, 1}}, []string{"1:-:3"}},
		{"query_key groups, events without it are left out", metricRule("sum", above(100), byHost),
			[]run{{[]Event{lat(1, 60, "a"), lat(1, 60, "a"), lat(1, 150, "b"), evf(1, "latency", 500.0)}, 1}}, []string{"1:a:2", "1:b:1"}},
		{"query_key and metric_agg_key read keyword sub-fields from the field",
			metricRule("sum", above(100), func(r *Rule) { r.QueryKey, r.MetricAggKey = []string{"host.keyword"}, "latency.keyword" }),
			[]run{{[]Event{lat(1, 150, "a")}, 1}}, []string{"1:a:1"}},
		{"query_key with no event is not evaluated", metricRule("sum", below(1), byHost),
			[]run{{[]Event{lat(1, 5, "a")}, 1}, {nil, 2}}, nil},
		{"min_doc_count", metricRule("max", above(100), byHost, func(r *Rule) { r.MinDocCount = 2 }),
			[]run{{[]Event{lat(1, 150, "a"), lat(1, 150, "b"), lat(1, 1, "b")}, 1}}, []string{"1:b:2"}},
		{"a bucket is evaluated once complete", metricRule("sum", above(100), buckets(5)),
			[]run{{[]Event{lat(1, 60, "a")}, 1}, {[]Event{lat(4, 60, "a")}, 4}, {[]Event{lat(5, 60, "a")}, 5}, {nil, 9}, {nil, 10}},
			[]string{"0:-:2"}},
		{"buckets split a run", metricRule("sum", above(100), buckets(5)),
			[]run{{[]Event{lat(1, 60, "a"), lat(2, 60, "a"), lat(6, 200, "a"), lat(11, 1, "a")}, 12}}, []string{"0:-:2", "5:-:1"}},
		{"late events for an evaluated bucket are dropped", metricRule("sum", above(100), buckets(5)),
			[]run{{[]Event{lat(1, 60, "a")}, 5}, {[]Event{lat(2, 60, "a")}, 10}}, nil},
		{"empty buckets are not evaluated", metricRule("sum", below(1), buckets(5)),
			[]run{{nil, 5}, {nil, 10}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, c.runs); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestMetricMatchFields checks the fields ElastAlert2 puts in a metric
// match, which alert_text_args can name.
func TestMetricMatchFields(t *testing.T) {
	r := metricRule("avg", above(1), byHost, func(r *Rule) { r.MetricFormatString = "{:.1f} ms" })
	typ, _ := NewType(r)
	typ.Add([]Event{lat(1, 2, "a"), lat(1, 3, "a")})
	ms := typ.Tick(at(1))
	if len(ms) != 1 {
		t.Fatalf("got %v", ms)
	}
	f := ms[0].Event.Fields
	if f["metric_latency_avg"] != 2.5 || f["metric_agg_value"] != 2.5 || f["metric_latency_avg_formatted"] != "2.5 ms" ||
		f["metric_agg_value_formatted"] != "2.5 ms" || f["host"] != "a" || f["@timestamp"] != "2026-01-01T00:01:00Z" {
		t.Fatalf("fields %v", f)
	}
}

func TestPercentageMatch(t *testing.T) {
	errs := query.Term{Field: "level", Value: "error"}
	pct := func(mod ...func(*Rule)) *Rule {
		r := &Rule{Type: TypePercentage, MatchBucketFilter: errs, MinDocCount: 1}
		for _, m := range mod {
			m(r)
		}
		return r
	}
	maxP := func(v float64) func(*Rule) { return func(r *Rule) { r.MaxPercentage, r.HasMaxPercentage = v, true } }
	minP := func(v float64) func(*Rule) { return func(r *Rule) { r.MinPercentage, r.HasMinPercentage = v, true } }
	lv := func(m float64, level, host string) Event { return evf(m, "level", level, "host", host) }
	cases := []struct {
		name string
		rule *Rule
		runs []run
		want []string
	}{
		{"share above max_percentage", pct(maxP(50)),
			[]run{{[]Event{lv(1, "error", "a"), lv(1, "error", "a"), lv(1, "info", "a")}, 1}}, []string{"1:-:3"}},
		{"max_percentage is exclusive", pct(maxP(50)),
			[]run{{[]Event{lv(1, "error", "a"), lv(1, "info", "a")}, 1}}, nil},
		{"share below min_percentage", pct(minP(50)),
			[]run{{[]Event{lv(1, "error", "a"), lv(1, "info", "a"), lv(1, "info", "a")}, 1}}, []string{"1:-:3"}},
		{"an empty window is skipped", pct(minP(50)), []run{{nil, 1}}, nil},
		{"min_denominator", pct(maxP(10), func(r *Rule) { r.MinDenominator = 3 }),
			[]run{{[]Event{lv(1, "error", "a"), lv(1, "info", "a")}, 1}, {[]Event{lv(2, "error", "a"), lv(2, "info", "a"), lv(2, "x", "a")}, 2}},
			[]string{"2:-:3"}},
		{"query_key groups", pct(maxP(50), byHost),
			[]run{{[]Event{lv(1, "error", "a"), lv(1, "info", "b"), lv(1, "error", "c"), lv(1, "error", "c")}, 1}}, []string{"1:a:1", "1:c:2"}},
		{"buckets", pct(maxP(50), buckets(10)),
			[]run{{[]Event{lv(1, "error", "a"), lv(11, "info", "a")}, 20}}, []string{"0:-:1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, c.runs); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
	r := pct(maxP(50), func(r *Rule) { r.PercentageFormatString = "%.1f%%" })
	typ, _ := NewType(r)
	typ.Add([]Event{lv(1, "error", "a"), lv(1, "error", "a"), lv(1, "info", "a")})
	ms := typ.Tick(at(1))
	if len(ms) != 1 || ms[0].Event.Fields["percentage_formatted"] != "66.7%" || ms[0].Event.Fields["denominator"] != 3.0 {
		t.Fatalf("got %+v", ms)
	}
}
