package duckdb

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// testNow is the fixed "now" of query tests: the suite's, at which
// storetest.Decode normalizes events.
var testNow = storetest.Now

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

// write writes events and fails the test on error.
func write(t testing.TB, s *Store, evs []event.Event) store.WriteResult {
	t.Helper()
	res, err := s.Write(context.Background(), evs)
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	return res
}

// searchIDs runs q and returns the sorted ids of all matches, checking that
// Total agrees with the hits.
func searchIDs(t testing.TB, s *Store, q string) []string {
	t.Helper()
	res, err := s.Search(context.Background(), store.SearchRequest{Query: storetest.Parse(t, q), Limit: 1000})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	ids := storetest.HitIDs(t, res)
	if res.Total != int64(len(ids)) {
		t.Errorf("search %q: total %d, %d hits", q, res.Total, len(ids))
	}
	slices.Sort(ids)
	return ids
}

// errorsIsPermanent reports whether err is a permanent store error.
func errorsIsPermanent(err error) bool { return errors.Is(err, store.ErrPermanent) }
