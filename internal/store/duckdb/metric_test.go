package duckdb

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// metricAt is the first period of the metric tests.
var metricAt = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// writeValues writes one event per value at the start of minute m, the
// value as the JSON text given (so numbers, strings and others alike).
func writeValues(t *testing.T, s *Store, m int, values ...string) {
	t.Helper()
	var b strings.Builder
	for i, v := range values {
		fmt.Fprintf(&b, `{"@timestamp":%q,"event":{"id":"m%d-%d"},"v":%s,"n":{"v":%s}}`+"\n",
			metricAt.Add(time.Duration(m)*time.Minute).Format(time.RFC3339), m, i, v, v)
	}
	write(t, s, storetest.Decode(t, b.String()))
}

// metric runs a one-minute metric request and fails the test on error.
func metric(t *testing.T, s *Store, req store.MetricRequest) []store.MetricBucket {
	t.Helper()
	if req.Interval == 0 {
		req.Interval = time.Minute
	}
	res, err := s.Metric(context.Background(), req)
	if err != nil {
		t.Fatalf("metric %+v: %v", req, err)
	}
	return res.Buckets
}

// TestMetricPercentilesNearestRank checks the edge cases of nearest rank:
// p0 is the minimum, p100 the maximum, p50 of two values the lower one,
// every percentile of one value that value.
func TestMetricPercentilesNearestRank(t *testing.T) {
	s := openTest(t)
	writeValues(t, s, 0, "5")
	writeValues(t, s, 1, "2", "1")
	writeValues(t, s, 2, "10", "9", "8", "7", "6", "5", "4", "3", "2", "1")
	ps := []float64{0, 10, 11, 50, 51, 90, 91, 99.9, 100}
	got := metric(t, s, store.MetricRequest{Field: "v", Percentiles: ps})
	want := [][]float64{
		{5, 5, 5, 5, 5, 5, 5, 5, 5},
		{1, 1, 1, 1, 2, 2, 2, 2, 2},
		{1, 1, 2, 5, 6, 9, 10, 10, 10},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d buckets, want %d: %+v", len(got), len(want), got)
	}
	for i, b := range got {
		if !slices.Equal(b.Percentiles, want[i]) {
			t.Errorf("minute %d: percentiles %v of %v, want %v", i, ps, b.Percentiles, want[i])
		}
	}
}

// TestMetricMatchesAlarmStatistic compares every statistic with what
// alarm.Statistic computes from the same values in memory, on random
// periods (duplicates, negatives, fractions), so that a metric alarm gives
// the same datapoint from the store as from internal metrics.
func TestMetricMatchesAlarmStatistic(t *testing.T) {
	s := openTest(t)
	r := rand.New(rand.NewPCG(1, 2))
	ps := []float64{0, 0.1, 1, 7, 10, 25, 33.3, 50, 66.7, 70, 90, 95, 99, 99.9, 100}
	var periods [][]float64
	for m := range 41 {
		// The last period is 1..100, where p7 is the 7th value only
		// when the rank is computed as p*n/100, not p/100*n.
		vals := make([]float64, 1+r.IntN(60))
		if m == 40 {
			vals = make([]float64, 100)
		}
		texts := make([]string, len(vals))
		for i := range vals {
			vals[i] = float64(r.IntN(40)-10) / 4
			if m == 40 {
				vals[i] = float64(i + 1)
			}
			texts[i] = strconv.FormatFloat(vals[i], 'g', -1, 64)
		}
		periods = append(periods, vals)
		writeValues(t, s, m, texts...)
	}
	got := metric(t, s, store.MetricRequest{Field: "n.v", Percentiles: ps})
	if len(got) != len(periods) {
		t.Fatalf("got %d buckets, want %d", len(got), len(periods))
	}
	for m, b := range got {
		vals := periods[m]
		want := []float64{compute(t, "sample_count", vals), compute(t, "sum", vals), compute(t, "minimum", vals), compute(t, "maximum", vals)}
		for _, p := range ps {
			want = append(want, compute(t, "p"+strconv.FormatFloat(p, 'f', -1, 64), vals))
		}
		have := append([]float64{float64(b.Count), b.Sum, b.Min, b.Max}, b.Percentiles...)
		if !b.Start.Equal(metricAt.Add(time.Duration(m)*time.Minute)) || !slices.Equal(have, want) {
			t.Errorf("minute %d (%v): got %v at %v, want %v", m, vals, have, b.Start, want)
		}
	}
}

// compute is alarm.Statistic's datapoint for vals.
func compute(t *testing.T, stat string, vals []float64) float64 {
	t.Helper()
	st, err := alarm.ParseStatistic(stat)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := st.Compute(vals)
	return v
}

// TestMetricValues: numbers and numeric strings count, array elements
// each; booleans, objects, null, other strings and non-finite numbers
// count nothing, and a period left without values has no bucket.
func TestMetricValues(t *testing.T) {
	s := openTest(t)
	writeValues(t, s, 0, "1", `"2"`, `" 3 "`, "[4, \"5\", true]", "true", `{"a": 1}`, "null", `"abc"`, `"NaN"`, `"inf"`, `"1e999"`, "[]")
	writeValues(t, s, 1, "false", `"x"`)
	writeValues(t, s, 2, "-0.5")
	// Arrays of objects on a dotted path: each element's value.
	write(t, s, storetest.Decode(t, `{"@timestamp":"2026-11-22T10:03:00Z","event":{"id":"o1"},"n":[{"v":1},{"v":"2"},{"w":3}]}
{"@timestamp":"2026-11-22T10:03:00Z","event":{"id":"o2"},"n":{"v":[4, 5]}}`))
	objs := metric(t, s, store.MetricRequest{Field: "n.v", From: metricAt.Add(3 * time.Minute)})
	if want := fmt.Sprint([]store.MetricBucket{{Start: metricAt.Add(3 * time.Minute), Count: 4, Sum: 12, Min: 1, Max: 5}}); fmt.Sprint(objs) != want {
		t.Errorf("n.v: got %v, want %s", objs, want)
	}
	got := metric(t, s, store.MetricRequest{Field: "v", Percentiles: []float64{50}})
	want := []store.MetricBucket{
		{Start: metricAt, Count: 5, Sum: 15, Min: 1, Max: 5, Percentiles: []float64{3}},
		{Start: metricAt.Add(2 * time.Minute), Count: 1, Sum: -0.5, Min: -0.5, Max: -0.5, Percentiles: []float64{-0.5}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestMetricColumns reads promoted columns: numbers as they are, numeric
// strings of keyword columns cast; date, boolean and address columns are
// refused.
func TestMetricColumns(t *testing.T) {
	s := openTest(t, Column{Field: "code", Type: TypeKeyword}, Column{Field: "ms", Type: TypeDouble},
		Column{Field: "ok", Type: TypeBoolean}, Column{Field: "at", Type: TypeDate}, Column{Field: "ip", Type: TypeIP})
	write(t, s, storetest.Decode(t, `{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"c1"},"code":"200","ms":1.5,"ok":true}
{"@timestamp":"2026-11-22T10:00:10Z","event":{"id":"c2"},"code":"abc","ms":"2.5"}
{"@timestamp":"2026-11-22T10:00:20Z","event":{"id":"c3"},"code":404}`))
	f := func(field string, want store.MetricBucket) {
		t.Helper()
		got := metric(t, s, store.MetricRequest{Field: field})
		want.Start = metricAt
		if len(got) != 1 || fmt.Sprint(got[0]) != fmt.Sprint(want) {
			t.Errorf("%s: got %+v, want %+v", field, got, want)
		}
	}
	f("code", store.MetricBucket{Count: 2, Sum: 604, Min: 200, Max: 404})
	f("ms", store.MetricBucket{Count: 2, Sum: 4, Min: 1.5, Max: 2.5})
	for _, field := range []string{"ok", "at", "ip", "@timestamp", "bad..name"} {
		if _, err := s.Metric(context.Background(), store.MetricRequest{Field: field, Interval: time.Minute}); !errorsIsPermanent(err) {
			t.Errorf("%s: %v, want a permanent error", field, err)
		}
	}
}

// TestMetricBadRequests: a non-positive interval or a percentile outside
// 0..100 is refused.
func TestMetricBadRequests(t *testing.T) {
	s := openTest(t)
	writeValues(t, s, 0, "1")
	for _, req := range []store.MetricRequest{
		{},
		{Interval: -time.Minute},
		{Interval: time.Minute, Field: "v", Percentiles: []float64{101}},
		{Interval: time.Minute, Field: "v", Percentiles: []float64{-1}},
		{Interval: time.Minute, Percentiles: []float64{math.NaN()}},
	} {
		if _, err := s.Metric(context.Background(), req); !errorsIsPermanent(err) {
			t.Errorf("%+v: %v, want a permanent error", req, err)
		}
	}
}

// TestMetricClosed: a closed store refuses.
func TestMetricClosed(t *testing.T) {
	s := openTest(t)
	_ = s.Close()
	if _, err := s.Metric(context.Background(), store.MetricRequest{Interval: time.Minute}); !errorsIsPermanent(err) {
		t.Errorf("metric on a closed store: %v", err)
	}
}
