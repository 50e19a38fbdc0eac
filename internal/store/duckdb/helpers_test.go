package duckdb

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// testNow is the fixed "now" of query tests.
var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// openAt opens a store at path with a fixed clock.
func openAt(t testing.TB, path string, cols ...Column) *Store {
	t.Helper()
	s, err := Open(context.Background(), Options{Path: path, Threads: 2, Columns: cols},
		slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.now = func() time.Time { return testNow }
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openTest opens a store in a fresh directory.
func openTest(t testing.TB, cols ...Column) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "store", "logstack.duckdb"), cols...)
}

// events decodes NDJSON into normalized events.
func events(t testing.TB, ndjson string) []event.Event {
	t.Helper()
	evs, err := event.DecodeBatch([]byte(ndjson))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for _, e := range evs {
		event.Normalize(e, testNow)
	}
	return evs
}

// write writes events and fails the test on error.
func write(t testing.TB, s *Store, evs []event.Event) store.WriteResult {
	t.Helper()
	res, err := s.Write(context.Background(), evs)
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	return res
}

// parse parses a query string.
func parse(t testing.TB, q string) query.Node {
	t.Helper()
	n, err := query.Parse(q)
	if err != nil {
		t.Fatalf("parse %q: %v", q, err)
	}
	return n
}

// hitIDs returns the event ids of a result's hits, in order.
func hitIDs(t testing.TB, res store.SearchResult) []string {
	t.Helper()
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		var e struct {
			Event struct {
				ID string `json:"id"`
			} `json:"event"`
		}
		if err := json.Unmarshal(h, &e); err != nil {
			t.Fatalf("hit %s: %v", h, err)
		}
		out = append(out, e.Event.ID)
	}
	return out
}

// searchIDs runs q and returns the sorted ids of all matches, checking that
// Total agrees with the hits.
func searchIDs(t testing.TB, s *Store, q string) []string {
	t.Helper()
	res, err := s.Search(context.Background(), store.SearchRequest{Query: parse(t, q), Limit: 1000})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	ids := hitIDs(t, res)
	if res.Total != int64(len(ids)) {
		t.Errorf("search %q: total %d, %d hits", q, res.Total, len(ids))
	}
	slices.Sort(ids)
	return ids
}

// idList splits "e01 e02" into sorted ids.
func idList(s string) []string {
	ids := strings.Fields(s)
	slices.Sort(ids)
	if ids == nil {
		ids = []string{}
	}
	return ids
}

// errorsIsPermanent reports whether err is a permanent store error.
func errorsIsPermanent(err error) bool { return errors.Is(err, store.ErrPermanent) }
