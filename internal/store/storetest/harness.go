package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// Harness tells the suite how to open a backend and what it may assume of
// it.
type Harness struct {
	// Open returns a fresh, empty store, closed by a t.Cleanup it
	// registers (the suite closes it too; Close must be idempotent).
	Open func(t *testing.T) store.Store
	// Partition is the width of the backend's time partitions, aligned to
	// the Unix epoch: 24h for DuckDB's day tables, 1h for hourly indices.
	// Retention may keep events up to one partition older than its
	// cutoff, and Stats.Partitions counts the partitions holding events.
	Partition time.Duration
	// FixedClock says that the stores Open returns take Now as "now" in
	// date math (@timestamp:>now-15m); without it only the date math
	// that holds at any time after the fixture is checked.
	FixedClock bool
	// ReportsBytes says that Stats.Bytes is positive once events are
	// stored.
	ReportsBytes bool
	// IDsUniquePerPartition says that the backend deduplicates event.id
	// only within a time partition (an Elasticsearch _id is unique per
	// index), so the suite does not resend an id with a timestamp in
	// another partition.
	IDsUniquePerPartition bool
	// ApproximatePercentiles says that Metric's percentiles are estimates
	// (a real Elasticsearch cluster's TDigest), so the suite checks only
	// that they lie between the period's minimum and maximum instead of
	// the exact nearest rank.
	ApproximatePercentiles bool
}

// Refresher is implemented by stores whose writes become searchable only
// after a refresh (Elasticsearch); the suite calls Refresh after every
// write and retention run.
type Refresher interface {
	Refresh(ctx context.Context) error
}

// Run runs the whole suite against the harness's backend, one subtest per
// area, each on fresh stores.
func Run(t *testing.T, h Harness) {
	if h.Open == nil || h.Partition <= 0 {
		t.Fatalf("storetest: Harness needs Open and a positive Partition, got %+v", h)
	}
	t.Run("Write", func(t *testing.T) { testWrite(t, h) })
	t.Run("Search", func(t *testing.T) { testSearch(t, h) })
	t.Run("Aggregate", func(t *testing.T) { testAggregate(t, h) })
	t.Run("Retention", func(t *testing.T) { testRetention(t, h) })
	t.Run("Metric", func(t *testing.T) { testMetric(t, h) })
}

// env is one open store and the test using it.
type env struct {
	t   *testing.T
	h   Harness
	s   store.Store
	ctx context.Context
}

// open opens a fresh store.
func open(t *testing.T, h Harness) *env {
	t.Helper()
	s := h.Open(t)
	if s == nil {
		t.Fatal("storetest: Harness.Open returned nil")
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return &env{t: t, h: h, s: s, ctx: t.Context()}
}

// openWithFixture opens a fresh store holding the fixture.
func openWithFixture(t *testing.T, h Harness) *env {
	t.Helper()
	e := open(t, h)
	if res := e.write(Decode(t, fixture)); res.Written != fixtureDay1+fixtureDay2 || res.Duplicates != 0 || len(res.Rejected) != 0 {
		t.Fatalf("writing the fixture: %+v, want %d written", res, fixtureDay1+fixtureDay2)
	}
	return e
}

// write writes a batch, fails the test on error and refreshes.
func (e *env) write(evs []event.Event) store.WriteResult {
	e.t.Helper()
	res, err := e.s.Write(e.ctx, evs)
	if err != nil {
		e.t.Fatalf("write: %v", err)
	}
	e.refresh()
	return res
}

// refresh makes writes searchable on backends that need it.
func (e *env) refresh() {
	e.t.Helper()
	if r, ok := e.s.(Refresher); ok {
		if err := r.Refresh(e.ctx); err != nil {
			e.t.Fatalf("refresh: %v", err)
		}
	}
}

// search runs a request and fails the test on error.
func (e *env) search(req store.SearchRequest) store.SearchResult {
	e.t.Helper()
	res, err := e.s.Search(e.ctx, req)
	if err != nil {
		e.t.Fatalf("search %+v: %v", req, err)
	}
	return res
}

// ids runs q and returns the sorted ids of all matches, checking that
// Total agrees with the hits.
func (e *env) ids(q string) []string {
	e.t.Helper()
	res := e.search(store.SearchRequest{Query: Parse(e.t, q), Limit: 1000})
	ids := HitIDs(e.t, res)
	if res.Total != int64(len(ids)) {
		e.t.Errorf("%s: total %d, %d hits", q, res.Total, len(ids))
	}
	slices.Sort(ids)
	return ids
}

// total counts the events matching q.
func (e *env) total(q string) int64 {
	e.t.Helper()
	return e.search(store.SearchRequest{Query: Parse(e.t, q)}).Total
}

// except lists the fixture's ids without the given ones.
func except(ids string) string {
	drop := IDList(ids)
	var out []string
	for _, id := range IDList(allIDs) {
		if !slices.Contains(drop, id) {
			out = append(out, id)
		}
	}
	return strings.Join(out, " ")
}
