package storetest

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// metricFixture holds the metric cases' events: numbers in a long field
// (http.response.status_code), numbers and numeric strings in a double
// one (aws.elb.request_processing_time.sec), arrays, a dynamically mapped
// number, events without the fields, two days and two hours (DuckDB and
// Elasticsearch partitions), and no event at 10:01.
const metricFixture = `{"@timestamp":"2026-11-21T23:59:00Z","event":{"id":"m0"},"message":"late","http":{"response":{"status_code":200}}}
{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"m1"},"message":"ok","log":{"level":"info"},"http":{"response":{"status_code":200}},"aws":{"elb":{"request_processing_time":{"sec":"0.5"},"target_status_code":[200]}},"retry":{"count":2}}
{"@timestamp":"2026-11-22T10:00:20Z","event":{"id":"m2"},"message":"failed","log":{"level":"info"},"http":{"response":{"status_code":500}},"aws":{"elb":{"request_processing_time":{"sec":1.5},"target_status_code":[500,502]}}}
{"@timestamp":"2026-11-22T10:00:59.999Z","event":{"id":"m3"},"message":"no numbers","log":{"level":"info"}}
{"@timestamp":"2026-11-22T10:02:00Z","event":{"id":"m4"},"message":"not found","log":{"level":"error"},"http":{"response":{"status_code":404}},"aws":{"elb":{"request_processing_time":{"sec":"2"}}},"retry":{"count":3}}
{"@timestamp":"2026-11-22T10:03:00Z","event":{"id":"m5"},"message":"no numbers","log":{"level":"warn"}}
{"@timestamp":"2026-11-22T10:07:30Z","event":{"id":"m6"},"message":"ok","log":{"level":"info"},"http":{"response":{"status_code":200}},"aws":{"elb":{"request_processing_time":{"sec":0.25}}}}
{"@timestamp":"2026-11-22T11:00:00Z","event":{"id":"m7"},"message":"unavailable","log":{"level":"error"},"http":{"response":{"status_code":503}},"aws":{"elb":{"request_processing_time":{"sec":4}}}}
`

// Field names of the metric cases.
const (
	statusField = "http.response.status_code"
	secField    = "aws.elb.request_processing_time.sec"
)

// testMetric checks store.MetricStore: one bucket per non-empty
// epoch-aligned period, [From, To), statistics over numbers and numeric
// strings, nearest-rank percentiles, query filtering, bad requests.
func testMetric(t *testing.T, h Harness) {
	e := open(t, h)
	ms, ok := e.s.(store.MetricStore)
	if !ok {
		t.Fatalf("%T does not implement store.MetricStore", e.s)
	}
	if res := e.write(Decode(t, metricFixture)); res.Written != 8 || len(res.Rejected) != 0 {
		t.Fatalf("writing the metric fixture: %+v", res)
	}
	m := &metricEnv{env: e, ms: ms}
	t.Run("Counts", m.counts)
	t.Run("Values", m.values)
	t.Run("Percentiles", m.percentiles)
	t.Run("Bounds", m.bounds)
	t.Run("Alignment", m.alignment)
	t.Run("Empty", m.empty)
	t.Run("BadRequests", m.badRequests)
}

// metricEnv is a store holding metricFixture.
type metricEnv struct {
	*env
	ms store.MetricStore
}

// mb builds an expected bucket at hour:minute:second of the 22nd.
func mb(hour, minute, second int, count int64, sum, lo, hi float64, ps ...float64) store.MetricBucket {
	return store.MetricBucket{Start: time.Date(2026, 11, 22, hour, minute, second, 0, time.UTC),
		Count: count, Sum: sum, Min: lo, Max: hi, Percentiles: ps}
}

// ones is an expected bucket of a request without a field: n matches, each
// the value 1.
func ones(hour, minute int, n int64, percentiles int) store.MetricBucket {
	b := mb(hour, minute, 0, n, float64(n), 1, 1)
	for range percentiles {
		b.Percentiles = append(b.Percentiles, 1)
	}
	return b
}

// metricString renders buckets for comparison and messages.
func metricString(bs []store.MetricBucket) string {
	var out []string
	for _, b := range bs {
		out = append(out, fmt.Sprintf("{%s n=%d sum=%g min=%g max=%g p=%v}", b.Start.UTC().Format(time.RFC3339Nano),
			b.Count, b.Sum, b.Min, b.Max, b.Percentiles))
	}
	return "[" + strings.Join(out, " ") + "]"
}

// check runs req and compares its buckets with want. On a harness with
// approximate percentiles it checks only that they lie between the
// bucket's minimum and maximum and grow with p.
func (m *metricEnv) check(t *testing.T, req store.MetricRequest, want ...store.MetricBucket) {
	t.Helper()
	res, err := m.ms.Metric(m.ctx, req)
	if err != nil {
		t.Fatalf("metric %+v: %v", req, err)
	}
	got := res.Buckets
	if m.h.ApproximatePercentiles && len(req.Percentiles) > 0 {
		got = slices.Clone(got)
		for i := range got {
			checkApproximate(t, req.Percentiles, got[i])
			got[i].Percentiles = nil
		}
		want = slices.Clone(want)
		for i := range want {
			want[i].Percentiles = nil
		}
	}
	for _, b := range res.Buckets {
		if b.Start.Location() != time.UTC {
			t.Errorf("bucket start %v, want UTC", b.Start)
		}
	}
	if g, w := metricString(got), metricString(want); g != w {
		t.Errorf("%v by %q every %s in [%v, %v):\n got %s\nwant %s", req.Query, req.Field, req.Interval, req.From, req.To, g, w)
	}
}

// checkApproximate checks approximate percentiles for plausibility.
func checkApproximate(t *testing.T, ps []float64, b store.MetricBucket) {
	t.Helper()
	if len(b.Percentiles) != len(ps) {
		t.Errorf("%v: %d percentiles, want %d", b.Start, len(b.Percentiles), len(ps))
		return
	}
	for i, v := range b.Percentiles {
		if v < b.Min || v > b.Max || math.IsNaN(v) {
			t.Errorf("%v: p%v = %v outside [%v, %v]", b.Start, ps[i], v, b.Min, b.Max)
		}
	}
}

// counts: without a field every match is the value 1; periods without a
// match have no bucket.
func (m *metricEnv) counts(t *testing.T) {
	m.check(t, store.MetricRequest{From: at(10, 0), To: at(10, 10), Interval: time.Minute},
		ones(10, 0, 3, 0), ones(10, 2, 1, 0), ones(10, 3, 1, 0), ones(10, 7, 1, 0))
	m.check(t, store.MetricRequest{From: at(10, 0), To: at(12, 0), Interval: time.Hour, Percentiles: []float64{50, 99}},
		ones(10, 0, 6, 2), ones(11, 0, 1, 2))
	// A query filters the events.
	m.check(t, store.MetricRequest{Query: Parse(t, "log.level:error"), Interval: time.Minute},
		ones(10, 2, 1, 0), ones(11, 0, 1, 0))
}

// values: count, sum, min and max of numbers, numeric strings and array
// elements; events without the field count nothing, and a period where
// none has it has no bucket (10:03).
func (m *metricEnv) values(t *testing.T) {
	from, to := at(10, 0), at(12, 0)
	m.check(t, store.MetricRequest{From: from, To: to, Interval: time.Minute, Field: statusField},
		mb(10, 0, 0, 2, 700, 200, 500), mb(10, 2, 0, 1, 404, 404, 404), mb(10, 7, 0, 1, 200, 200, 200), mb(11, 0, 0, 1, 503, 503, 503))
	m.check(t, store.MetricRequest{From: from, To: to, Interval: time.Minute, Field: secField},
		mb(10, 0, 0, 2, 2, 0.5, 1.5), mb(10, 2, 0, 1, 2, 2, 2), mb(10, 7, 0, 1, 0.25, 0.25, 0.25), mb(11, 0, 0, 1, 4, 4, 4))
	m.check(t, store.MetricRequest{From: from, To: to, Interval: time.Minute, Field: "aws.elb.target_status_code"},
		mb(10, 0, 0, 3, 1202, 200, 502))
	m.check(t, store.MetricRequest{From: from, To: to, Interval: time.Hour, Field: "retry.count"},
		mb(10, 0, 0, 2, 5, 2, 3))
	m.check(t, store.MetricRequest{Query: Parse(t, "message:ok"), Interval: time.Hour, Field: statusField},
		mb(10, 0, 0, 2, 400, 200, 200))
}

// percentiles: nearest rank, in the request's order: of 200 200 404 500,
// p0 and p50 are 200, p51 and p75 404, p76 and p100 500.
func (m *metricEnv) percentiles(t *testing.T) {
	ps := []float64{100, 0, 50, 51, 75, 76, 99.9}
	m.check(t, store.MetricRequest{From: at(10, 0), To: at(11, 0), Interval: time.Hour, Field: statusField, Percentiles: ps},
		mb(10, 0, 0, 4, 1304, 200, 500, 500, 200, 200, 404, 404, 500, 500))
	// One value is every percentile; two values' median is the lower.
	m.check(t, store.MetricRequest{From: at(10, 0), To: at(11, 0), Interval: time.Minute, Field: secField, Percentiles: []float64{0, 50, 100}},
		mb(10, 0, 0, 2, 2, 0.5, 1.5, 0.5, 0.5, 1.5), mb(10, 2, 0, 1, 2, 2, 2, 2, 2, 2), mb(10, 7, 0, 1, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25))
}

// bounds: From is inclusive, To exclusive, also mid-period (the period
// keeps its aligned start).
func (m *metricEnv) bounds(t *testing.T) {
	m.check(t, store.MetricRequest{From: at(10, 0), To: at(10, 2), Interval: time.Minute}, ones(10, 0, 3, 0))
	m.check(t, store.MetricRequest{From: at(10, 2), To: at(10, 3), Interval: time.Minute, Field: statusField},
		mb(10, 2, 0, 1, 404, 404, 404))
	m.check(t, store.MetricRequest{From: at(10, 0).Add(30 * time.Second), To: at(10, 5), Interval: 5 * time.Minute},
		ones(10, 0, 3, 0))
	m.check(t, store.MetricRequest{From: at(10, 0), To: at(10, 0).Add(59999 * time.Millisecond), Interval: time.Minute},
		ones(10, 0, 2, 0))
}

// alignment: periods start at multiples of the interval since the Unix
// epoch, across days, not at From or midnight.
func (m *metricEnv) alignment(t *testing.T) {
	late := store.MetricBucket{Start: time.Date(2026, 11, 21, 23, 55, 0, 0, time.UTC), Count: 1, Sum: 1, Min: 1, Max: 1}
	m.check(t, store.MetricRequest{From: at(0, 0).Add(-time.Hour), To: at(12, 0), Interval: 5 * time.Minute},
		late, ones(10, 0, 5, 0), ones(10, 5, 1, 0), ones(11, 0, 1, 0))
	// 7 minutes: 2026-11-22T10:00Z is 4,274,622 periods and 6 minutes
	// after the epoch, so the periods start at 09:54, 10:01 and 10:57.
	m.check(t, store.MetricRequest{From: at(10, 0), Interval: 7 * time.Minute, Field: statusField},
		mb(9, 54, 0, 2, 700, 200, 500), mb(10, 1, 0, 2, 604, 200, 404), mb(10, 57, 0, 1, 503, 503, 503))
}

// empty: no match, no value or no event in range gives no bucket.
func (m *metricEnv) empty(t *testing.T) {
	for _, req := range []store.MetricRequest{
		{Query: Parse(t, "nothing"), Interval: time.Minute},
		{Interval: time.Minute, Field: "no.such.field", Percentiles: []float64{50}},
		{From: at(10, 8), To: at(11, 0), Interval: time.Minute},
		{From: at(11, 0), To: at(11, 0), Interval: time.Minute},
		{Query: Parse(t, "log.level:warn"), Interval: time.Minute, Field: statusField},
	} {
		res, err := m.ms.Metric(m.ctx, req)
		if err != nil || len(res.Buckets) != 0 {
			t.Errorf("%+v: %s (%v), want no bucket", req, metricString(res.Buckets), err)
		}
	}
}

// badRequests: a non-positive interval or a percentile outside 0..100 is
// a permanent error.
func (m *metricEnv) badRequests(t *testing.T) {
	for _, req := range []store.MetricRequest{
		{},
		{Interval: -time.Minute},
		{Interval: time.Minute, Field: statusField, Percentiles: []float64{101}},
		{Interval: time.Minute, Field: statusField, Percentiles: []float64{-0.5}},
		{Interval: time.Minute, Field: statusField, Percentiles: []float64{math.NaN()}},
	} {
		if _, err := m.ms.Metric(m.ctx, req); !errors.Is(err, store.ErrPermanent) {
			t.Errorf("%+v: %v, want a permanent error", req, err)
		}
	}
}
