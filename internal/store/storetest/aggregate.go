package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// testAggregate checks counts by field (most frequent first, ties by
// value, typed keys) and date histograms (epoch-aligned buckets, gaps
// filled), with queries and time bounds.
func testAggregate(t *testing.T, h Harness) {
	e := openWithFixture(t, h)
	t.Run("ByField", func(t *testing.T) { aggregateByField(t, e) })
	t.Run("Histogram", func(t *testing.T) { aggregateHistogram(t, e) })
	t.Run("IPOrder", func(t *testing.T) { aggregateIPOrder(t, h) })
	t.Run("BadRequests", func(t *testing.T) { aggregateBadRequests(t, e) })
}

// Bucket builders with the key types Aggregate returns: strings,
// json.Number for numbers, bool, time.Time for histogram buckets.
func str(k string, n int64) store.Bucket   { return store.Bucket{Key: k, Count: n} }
func num(k string, n int64) store.Bucket   { return store.Bucket{Key: json.Number(k), Count: n} }
func boolean(k bool, n int64) store.Bucket { return store.Bucket{Key: k, Count: n} }

// bucketsString renders buckets with their key types, for comparison and
// messages.
func bucketsString(bs []store.Bucket) string {
	out := "["
	for i, b := range bs {
		if i > 0 {
			out += " "
		}
		switch k := b.Key.(type) {
		case time.Time:
			out += fmt.Sprintf("{%s %d}", k.UTC().Format(time.RFC3339), b.Count)
		default:
			out += fmt.Sprintf("{%T(%v) %d}", k, k, b.Count)
		}
	}
	return out + "]"
}

func aggregateByField(t *testing.T, e *env) {
	f := func(req store.AggregateRequest, wantTotal int64, want ...store.Bucket) {
		t.Helper()
		res, err := e.s.Aggregate(e.ctx, req)
		if err != nil {
			t.Fatalf("aggregate %+v: %v", req, err)
		}
		if got, w := bucketsString(res.Buckets), bucketsString(want); res.Total != wantTotal || got != w {
			t.Errorf("%v by %s: total %d, buckets %s\nwant total %d, buckets %s", req.Query, req.Field, res.Total, got, wantTotal, w)
		}
	}
	all := parse(t, "*")
	// Most frequent first, ties by value; events without the field count
	// in the total only.
	f(store.AggregateRequest{Query: all, Field: "service.name", Size: 3}, 21, str("checkout", 3), str("auth", 2), str("cart", 2))
	f(store.AggregateRequest{Field: "service.name"}, 21, str("checkout", 3), str("auth", 2), str("cart", 2), str("frontend", 2),
		str("gateway", 2), str("infra", 2), str("payment", 2), str("admin", 1), str("batch", 1), str("db", 1)) // 10 by default
	f(store.AggregateRequest{Field: "log.level"}, 21, str("info", 12), str("warn", 4), str("error", 3), str("ERROR", 1), str("debug", 1))
	f(store.AggregateRequest{Query: parse(t, "log.level:error"), Field: "service.name", Size: 10}, 3,
		str("checkout", 1), str("infra", 1), str("payment", 1))
	f(store.AggregateRequest{Field: "user_agent.original", Size: 10}, 21, str("Mozilla/5.0 (X11; Linux x86_64)", 2),
		str("curl/8.5.0", 2), str("Googlebot/2.1", 1), str("Mozilla/5.0 (Macintosh)", 1))
	f(store.AggregateRequest{Field: "source.ip", Size: 10}, 21, str("10.0.0.1", 2), str("10.0.0.2", 2),
		str("10.0.0.3", 1), str("10.0.0.4", 1), str("192.168.1.20", 1), str("2001:db8::1", 1))
	f(store.AggregateRequest{Field: "aws.elb.name", Size: 10}, 21, str("app/shop-lb/50dc6c495c0c9188", 4),
		str("app/pay-lb/7f3e", 1), str("net/tls-lb/1a2b3c", 1))
	// Numbers: json.Number keys, ties in numeric order.
	f(store.AggregateRequest{Query: parse(t, "_exists_:http.response.status_code"), Field: "http.response.status_code", Size: 2}, 8,
		num("200", 3), num("201", 1))
	f(store.AggregateRequest{Field: "aws.elb.backend.port", Size: 10}, 21, num("8080", 3), num("80", 1), num("443", 1))
	f(store.AggregateRequest{Field: "retry.count", Size: 10}, 21, num("1", 1), num("3", 1), num("5", 1))
	f(store.AggregateRequest{Field: "flag", Size: 10}, 21, boolean(false, 1), boolean(true, 1))
	// Arrays: each element counts once per event.
	f(store.AggregateRequest{Field: "tags", Size: 10}, 21, str("eu", 1), str("prod", 1), str("slow", 1))
	f(store.AggregateRequest{Field: "aws.elb.action_executed", Size: 10}, 21, str("forward", 5), str("waf", 1))
	f(store.AggregateRequest{Field: "aws.elb.target_status_code", Size: 10}, 21, num("200", 1), num("404", 1), num("500", 1), num("502", 1))
	// Time bounds, no match, a field nobody has.
	f(store.AggregateRequest{Field: "service.name", Size: 3, From: at(11, 0), To: at(12, 0)}, 9,
		str("admin", 1), str("batch", 1), str("cart", 1))
	f(store.AggregateRequest{Query: parse(t, "nothing"), Field: "service.name"}, 0)
	f(store.AggregateRequest{Field: "event.dataset"}, 21)
}

func aggregateHistogram(t *testing.T, e *env) {
	f := func(req store.AggregateRequest, wantTotal int64, want ...store.Bucket) {
		t.Helper()
		res, err := e.s.Aggregate(e.ctx, req)
		if err != nil {
			t.Fatalf("aggregate %+v: %v", req, err)
		}
		for _, b := range res.Buckets {
			if k, ok := b.Key.(time.Time); !ok || k.Location() != time.UTC {
				t.Errorf("bucket key %#v, want a UTC time.Time", b.Key)
			}
		}
		if got, w := bucketsString(res.Buckets), bucketsString(want); res.Total != wantTotal || got != w {
			t.Errorf("%v every %s: total %d, buckets %s\nwant total %d, buckets %s", req.Query, req.Interval, res.Total, got, wantTotal, w)
		}
	}
	day := func(d, hour int, n int64) store.Bucket {
		return store.Bucket{Key: time.Date(2026, 11, d, hour, 0, 0, 0, time.UTC), Count: n}
	}
	// e01 e02 (21st 22:15, 23:45), e05 e06 (02:00, 03:00), e10 e18 e19
	// (08:00, 11:50, 11:55); the empty bucket between is filled in.
	f(store.AggregateRequest{Query: parse(t, "log.level:error OR log.level:warn"), Interval: 4 * time.Hour}, 7,
		day(21, 20, 2), day(22, 0, 2), day(22, 4, 0), day(22, 8, 3))
	// Buckets are aligned to the Unix epoch, not to the day: 7h buckets
	// start at 22:00 on the 21st and 05:00 on the 22nd.
	f(store.AggregateRequest{Query: parse(t, "service.name:checkout"), Interval: 7 * time.Hour}, 3,
		day(21, 22, 2), day(22, 5, 1))
	// From the 21st 22:00 to the 22nd 11:00: 14 hourly buckets, the
	// first and the last with one event.
	var hourly []store.Bucket
	for k := time.Date(2026, 11, 21, 22, 0, 0, 0, time.UTC); !k.After(at(11, 0)); k = k.Add(time.Hour) {
		hourly = append(hourly, store.Bucket{Key: k})
	}
	hourly[0].Count, hourly[len(hourly)-1].Count = 1, 1
	f(store.AggregateRequest{Query: parse(t, "event.id:e01 OR event.id:e21"), Interval: time.Hour}, 2, hourly...)
	f(store.AggregateRequest{Interval: 24 * time.Hour, From: at(11, 0), To: at(11, 30)}, 3, day(22, 0, 3))
	f(store.AggregateRequest{Interval: 24 * time.Hour}, 21, day(21, 0, 2), day(22, 0, 19))
	f(store.AggregateRequest{Query: parse(t, "nothing"), Interval: time.Hour}, 0)
}

// aggregateIPOrder: addresses sort as addresses (IPv4 before IPv6,
// numerically), not as text, in bucket ties and ranges.
func aggregateIPOrder(t *testing.T, h Harness) {
	e := open(t, h)
	e.write(decode(t, `{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"i1"},"source":{"ip":"2001:db8::1"}}
{"@timestamp":"2026-11-22T10:00:01Z","event":{"id":"i2"},"source":{"ip":"10.0.0.10"}}
{"@timestamp":"2026-11-22T10:00:02Z","event":{"id":"i3"},"source":{"ip":"9.9.9.9"}}
{"@timestamp":"2026-11-22T10:00:03Z","event":{"id":"i4"},"source":{"ip":"10.0.0.9"}}`))
	res, err := e.s.Aggregate(e.ctx, store.AggregateRequest{Field: "source.ip", Size: 3})
	want := []store.Bucket{str("9.9.9.9", 1), str("10.0.0.9", 1), str("10.0.0.10", 1)}
	if err != nil || res.Total != 4 || bucketsString(res.Buckets) != bucketsString(want) {
		t.Errorf("by source.ip: %+v (%v)\nwant %s", res, err, bucketsString(want))
	}
	f := func(q, want string) {
		t.Helper()
		if got := e.ids(q); !slices.Equal(got, idList(want)) {
			t.Errorf("%s: got %v, want %v", q, got, idList(want))
		}
	}
	f(`source.ip:[10.0.0.9 TO 10.0.0.10]`, "i2 i4")
	f(`source.ip:>9.9.9.9`, "i1 i2 i4")
	f(`source.ip:<10.0.0.10`, "i3 i4")
}

// aggregateBadRequests: a request must set exactly one of Field and a
// positive Interval; anything else is a permanent error.
func aggregateBadRequests(t *testing.T, e *env) {
	for _, req := range []store.AggregateRequest{
		{},
		{Field: "service.name", Interval: time.Minute},
		{Interval: -time.Minute},
		{Field: "service.name", Size: -1},
	} {
		if _, err := e.s.Aggregate(e.ctx, req); !errors.Is(err, store.ErrPermanent) {
			t.Errorf("%+v: %v, want a permanent error", req, err)
		}
	}
}
