package duckdb

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

func TestAggregateByField(t *testing.T) {
	s := openTest(t)
	write(t, s, storetest.Decode(t, fixture))
	f := func(q, field string, size int, wantTotal int64, want string) {
		t.Helper()
		res, err := s.Aggregate(context.Background(), store.AggregateRequest{Query: storetest.Parse(t, q), Field: field, Size: size})
		if err != nil {
			t.Fatalf("%s by %s: %v", q, field, err)
		}
		if got := fmt.Sprint(res.Buckets); res.Total != wantTotal || got != want {
			t.Errorf("%s by %s: total %d, buckets %s\nwant total %d, buckets %s", q, field, res.Total, got, wantTotal, want)
		}
	}
	// Most frequent first, ties by value; missing values are not a bucket
	// but count in the total.
	f("*", "service.name", 3, 20, "[{checkout 3} {auth 2} {cart 2}]")
	f("*", "log.level", 0, 20, "[{info 11} {warn 4} {error 3} {ERROR 1} {debug 1}]")
	f("log.level:error", "service.name", 10, 3, "[{checkout 1} {infra 1} {payment 1}]")
	f("_exists_:http.response.status_code", "http.response.status_code", 2, 8, "[{200 3} {201 1}]")
	// Fields from the document; each element of an array counts.
	f("*", "tags", 10, 20, "[{eu 1} {prod 1} {slow 1}]")
	f("*", "user.id", 10, 20, "[{7 1}]")
	f("*", "flag", 10, 20, "[{true 1}]")
	f("nothing", "service.name", 10, 0, "[]")

	// Key types: strings, json.Number, bool.
	res, err := s.Aggregate(context.Background(), store.AggregateRequest{Field: "http.response.status_code", Size: 1})
	if err != nil || len(res.Buckets) != 1 || res.Buckets[0].Key != json.Number("200") {
		t.Errorf("numeric key: %+v, %v", res, err)
	}
	res, err = s.Aggregate(context.Background(), store.AggregateRequest{Field: "user.id"})
	if err != nil || len(res.Buckets) != 1 || res.Buckets[0].Key != json.Number("7") {
		t.Errorf("numeric document key: %+v, %v", res, err)
	}
	res, err = s.Aggregate(context.Background(), store.AggregateRequest{Field: "flag"})
	if err != nil || len(res.Buckets) != 1 || res.Buckets[0].Key != true {
		t.Errorf("boolean key: %+v, %v", res, err)
	}
}

func TestAggregateHistogram(t *testing.T) {
	s := openTest(t)
	write(t, s, storetest.Decode(t, fixture))
	ctx := context.Background()
	res, err := s.Aggregate(ctx, store.AggregateRequest{Query: storetest.Parse(t, "log.level:error OR log.level:warn"), Interval: 4 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	// e01 (21st 23:50), e02 e05 (0-4h), e06 (4-8h), e10 (8-12h), e18 e19 (8-12h).
	want := "[{2026-11-21 20:00:00 +0000 UTC 1} {2026-11-22 00:00:00 +0000 UTC 2} {2026-11-22 04:00:00 +0000 UTC 1} {2026-11-22 08:00:00 +0000 UTC 3}]"
	if got := fmt.Sprint(res.Buckets); got != want || res.Total != 7 {
		t.Errorf("buckets %s total %d\nwant %s total 7", got, res.Total, want)
	}
	// Empty buckets between the first and the last are filled in.
	res, err = s.Aggregate(ctx, store.AggregateRequest{Query: storetest.Parse(t, "event.id:e01 OR event.id:e20"), Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Buckets) != 13 || res.Buckets[0].Count != 1 || res.Buckets[1].Count != 0 || res.Buckets[12].Count != 1 || res.Total != 2 {
		t.Errorf("filled histogram: %+v", res)
	}
	if k, ok := res.Buckets[1].Key.(time.Time); !ok || !k.Equal(time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("bucket key %v", res.Buckets[1].Key)
	}
	// Time range and bad requests.
	res, err = s.Aggregate(ctx, store.AggregateRequest{Interval: 24 * time.Hour,
		From: time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 22, 11, 30, 0, 0, time.UTC)})
	if err != nil || res.Total != 3 || len(res.Buckets) != 1 {
		t.Errorf("ranged histogram: %+v, %v", res, err)
	}
	for _, req := range []store.AggregateRequest{
		{},
		{Field: "x", Interval: time.Minute},
		{Interval: -time.Minute},
		{Interval: time.Nanosecond},
	} {
		if _, err := s.Aggregate(ctx, req); !errorsIsPermanent(err) {
			t.Errorf("%+v: %v, want a permanent error", req, err)
		}
	}
}

func TestDeleteOlderThan(t *testing.T) {
	s := openTest(t)
	write(t, s, storetest.Decode(t, fixture)) // 1 event on the 21st, 19 on the 22nd
	ctx := context.Background()
	f := func(cutoff time.Time, want store.Deleted, left int64) {
		t.Helper()
		del, err := s.DeleteOlderThan(ctx, cutoff)
		if err != nil {
			t.Fatal(err)
		}
		if del != want {
			t.Errorf("cutoff %s: deleted %+v, want %+v", cutoff, del, want)
		}
		if got := total(t, s, "*"); got != left {
			t.Errorf("cutoff %s: %d events left, want %d", cutoff, got, left)
		}
	}
	// The 21st ends at the 22nd's midnight: a cutoff inside the 22nd drops
	// only the 21st, and nothing of a partition is deleted early.
	f(time.Date(2026, 11, 21, 23, 59, 0, 0, time.UTC), store.Deleted{}, 20)
	f(time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC), store.Deleted{Partitions: 1, Events: 1}, 19)
	f(time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC), store.Deleted{}, 19)
	if st, _ := s.Stats(ctx); st.Partitions != 1 || st.Events != 19 {
		t.Errorf("stats %+v", st)
	}
	// Ids of dropped partitions may be written again.
	if res := write(t, s, storetest.Decode(t, fixture)); res.Written != 1 || res.Duplicates != 19 {
		t.Errorf("rewrite: %+v", res)
	}
	f(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), store.Deleted{Partitions: 2, Events: 20}, 0)
}

// TestBeforeEpoch checks bucketing of negative Unix times, where a plain
// modulo would round towards zero.
func TestBeforeEpoch(t *testing.T) {
	s := openTest(t)
	write(t, s, storetest.Decode(t, `{"@timestamp":"1969-12-31T23:30:00Z","event":{"id":"a"},"message":"old"}
{"@timestamp":"1969-12-31T22:10:00Z","event":{"id":"b"},"message":"old"}
{"@timestamp":"1970-01-01T00:30:00Z","event":{"id":"c"},"message":"new"}`))
	res, err := s.Aggregate(context.Background(), store.AggregateRequest{Interval: time.Hour})
	want := "[{1969-12-31 22:00:00 +0000 UTC 1} {1969-12-31 23:00:00 +0000 UTC 1} {1970-01-01 00:00:00 +0000 UTC 1}]"
	if got := fmt.Sprint(res.Buckets); err != nil || got != want {
		t.Errorf("buckets %s (%v)\nwant %s", got, err, want)
	}
	sr, err := s.Search(context.Background(), store.SearchRequest{Query: storetest.Parse(t, "old"), Limit: 1})
	if got := storetest.HitIDs(t, sr); err != nil || sr.Total != 2 || len(got) != 1 || got[0] != "a" {
		t.Errorf("search: %v total %d, %v", got, sr.Total, err)
	}
}
