package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// at is a time on the fixture's second day.
func at(hour, minute int) time.Time { return time.Date(2026, 11, 22, hour, minute, 0, 0, time.UTC) }

// ordered splits "e02 e01" keeping the order.
func ordered(s string) []string {
	out := strings.Fields(s)
	if out == nil {
		out = []string{}
	}
	return out
}

// searchRequest checks From (inclusive), To (exclusive), Limit, order and
// Total, which counts every match whatever the limit.
func searchRequest(t *testing.T, e *env) {
	f := func(req store.SearchRequest, wantTotal int64, want string) {
		t.Helper()
		res := e.search(req)
		if got := hitIDs(t, res); res.Total != wantTotal || !slices.Equal(got, ordered(want)) {
			t.Errorf("%+v: total %d, hits %v\nwant total %d, hits %v", req, res.Total, got, wantTotal, ordered(want))
		}
	}
	info := parse(t, "log.level:info")
	f(store.SearchRequest{From: at(11, 0), To: at(11, 30), Limit: 10}, 3, "e15 e14 e13")
	f(store.SearchRequest{Query: info, From: at(11, 0), To: at(11, 30), Limit: 10}, 2, "e15 e14")
	f(store.SearchRequest{From: at(11, 55), Limit: 10}, 3, "e21 e20 e19")
	f(store.SearchRequest{To: at(0, 0), Limit: 10}, 2, "e02 e01")
	f(store.SearchRequest{From: at(11, 59), To: at(11, 59).Add(time.Second), Limit: 10}, 1, "e20")
	f(store.SearchRequest{Limit: 3}, 21, "e21 e20 e19")
	f(store.SearchRequest{Limit: 3, SortAscending: true}, 21, "e01 e02 e03")
	f(store.SearchRequest{Query: info, Limit: 2}, 12, "e21 e20")
	f(store.SearchRequest{Query: info, Limit: 2, SortAscending: true}, 12, "e03 e04")
	f(store.SearchRequest{Query: info}, 12, "")
	f(store.SearchRequest{Query: parse(t, "nothing"), Limit: 10}, 0, "")
	f(store.SearchRequest{From: at(12, 0), Limit: 10}, 0, "")
	f(store.SearchRequest{From: at(11, 0), To: at(10, 0), Limit: 10}, 0, "")
	f(store.SearchRequest{Limit: 100}, 21, "e21 e20 e19 e18 e17 e16 e15 e14 e13 e12 e11 e10 e09 e08 e07 e06 e05 e04 e03 e02 e01")
	f(store.SearchRequest{Limit: 100, SortAscending: true}, 21, allIDs)
	if _, err := e.s.Search(e.ctx, store.SearchRequest{Limit: -1}); !errors.Is(err, store.ErrPermanent) {
		t.Errorf("negative limit: %v, want a permanent error", err)
	}
}

// searchOrder checks that events with the same @timestamp are ordered by
// event.id, so that pages are stable, and that the newest events win the
// limit across partitions.
func searchOrder(t *testing.T, h Harness) {
	e := open(t, h)
	e.write(decode(t, `{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"b"},"message":"same"}
{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"c"},"message":"same"}
{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"a"},"message":"same"}
{"@timestamp":"2026-11-20T10:00:00Z","event":{"id":"z"},"message":"older"}
{"@timestamp":"2026-11-24T10:00:00.5Z","event":{"id":"y"},"message":"newer"}`))
	f := func(req store.SearchRequest, want string) {
		t.Helper()
		res := e.search(req)
		if got := hitIDs(t, res); res.Total != 5 || !slices.Equal(got, ordered(want)) {
			t.Errorf("%+v: total %d, hits %v, want 5, %s", req, res.Total, got, want)
		}
	}
	f(store.SearchRequest{Limit: 10}, "y c b a z")
	f(store.SearchRequest{Limit: 10, SortAscending: true}, "z a b c y")
	f(store.SearchRequest{Limit: 2}, "y c")
	f(store.SearchRequest{Limit: 2, SortAscending: true}, "z a")
	f(store.SearchRequest{Limit: 4, SortAscending: true}, "z a b c")
}
