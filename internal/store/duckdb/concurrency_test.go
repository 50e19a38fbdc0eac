package duckdb

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// TestConcurrentSearchDuringWrites runs searches, aggregations and stats
// while batches are written and old partitions dropped (meaningful under
// -race), and checks that every search succeeds and agrees with itself.
func TestConcurrentSearchDuringWrites(t *testing.T) {
	s := openTest(t)
	evs, _ := genEvents(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), 53*time.Second, 4000)
	ctx := context.Background()
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				res, err := s.Search(ctx, store.SearchRequest{Query: storetest.Parse(t, "common OR rare"), Limit: 10})
				if err != nil {
					t.Errorf("search: %v", err)
					return
				}
				if int64(len(res.Hits)) != min(res.Total, 10) {
					t.Errorf("search: total %d, %d hits", res.Total, len(res.Hits))
				}
				if _, err := s.Aggregate(ctx, store.AggregateRequest{Field: "log.level"}); err != nil {
					t.Errorf("aggregate: %v", err)
				}
				if _, err := s.Stats(ctx); err != nil {
					t.Errorf("stats: %v", err)
				}
			}
		})
	}
	for i := 0; i < len(evs); i += 500 {
		write(t, s, evs[i:i+500])
	}
	if got := total(t, s, "*"); got != int64(len(evs)) {
		t.Errorf("stored %d, want %d", got, len(evs))
	}
	del, err := s.DeleteOlderThan(ctx, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	if err != nil || del.Partitions != 1 {
		t.Errorf("retention: %+v, %v", del, err)
	}
	close(done)
	wg.Wait()
}
