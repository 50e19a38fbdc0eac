package elasticsearch

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/testkit/esfake"
)

// TestDynamicTypes checks on the fake that a value which cannot fit a
// dynamically mapped field's type matches nothing, as in DuckDB, instead
// of failing the search, also for a field first seen after the types were
// cached.
func TestDynamicTypes(t *testing.T) {
	fake := esfake.Start(t)
	s := openAt(t, fake.URL, nil)
	evs := events("a", "b", "c")
	evs[0]["retry"] = map[string]any{"count": 3}
	evs[1]["ok"] = true
	if _, err := s.Write(t.Context(), evs); err != nil {
		t.Fatal(err)
	}
	total := func(q string) int64 {
		t.Helper()
		n, err := query.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(t.Context(), store.SearchRequest{Query: n, Limit: 10})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Total
	}
	for q, want := range map[string]int64{
		"retry.count:abc":          0,
		"retry.count:abc OR hello": 3,
		"NOT retry.count:abc":      3,
		"retry.count:3":            1,
		"ok:maybe":                 0,
		"ok:true":                  1,
		"late:abc":                 0,
	} {
		if got := total(q); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
	// A field typed after the cache was filled: the refused search is
	// retried with fresh types.
	late := events("d")
	late[0]["late"] = 7
	if _, err := s.Write(t.Context(), late); err != nil {
		t.Fatal(err)
	}
	if got := total("late:abc OR late:7"); got != 1 {
		t.Errorf("late field: %d, want 1", got)
	}
	res, err := s.Aggregate(t.Context(), store.AggregateRequest{Field: "retry.count"})
	if err != nil || fmt.Sprint(res.Buckets) != "[{3 1}]" {
		t.Errorf("aggregate by dynamic long: %+v, %v", res, err)
	}
}

// TestShardFailures checks that partial results are never returned.
func TestShardFailures(t *testing.T) {
	var reply string
	rc := &recorder{}
	rc.on("POST /logstack-*.*.*.*/_search", func(r request) (int, string) { return 200, reply })
	s := openAt(t, startRecorder(t, rc), nil)
	reply = `{"_shards":{"total":2,"successful":1,"failed":1,"failures":[{"index":"logstack-x","reason":{"type":"node_not_connected_exception","reason":"gone"}}]},"hits":{"total":{"value":1,"relation":"eq"},"hits":[]}}`
	_, err := s.Search(t.Context(), store.SearchRequest{Limit: 1})
	if err == nil || errors.Is(err, store.ErrPermanent) || !strings.Contains(err.Error(), "node_not_connected_exception") {
		t.Errorf("node failure: %v, want a retryable error", err)
	}
	reply = `{"_shards":{"total":2,"successful":1,"failed":1,"failures":[{"index":"logstack-x","reason":{"type":"query_shard_exception","reason":"failed to create query"}}]},"hits":{"total":{"value":1,"relation":"eq"},"hits":[]}}`
	if _, err := s.Search(t.Context(), store.SearchRequest{Limit: 1}); !errors.Is(err, store.ErrBadRequest) {
		t.Errorf("type mismatch: %v, want ErrBadRequest", err)
	}
	reply = `{"hits":{"total":{"value":5,"relation":"gte"},"hits":[]}}`
	if _, err := s.Search(t.Context(), store.SearchRequest{Limit: 1}); err == nil {
		t.Error("inexact total accepted")
	}
	reply = `{"hits":{"total":7,"hits":[]}}`
	if res, err := s.Search(t.Context(), store.SearchRequest{}); err != nil || res.Total != 7 {
		t.Errorf("numeric total: %+v, %v", res, err)
	}
}
