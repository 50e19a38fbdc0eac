package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// bulkEvents is the size of testBulk's batch: more than Elasticsearch
// counts exactly by default (10,000) and more than one bulk request.
const bulkEvents = 10050

// bulkBatch builds n events spread over 48 hours from 2026-11-20, with
// every third one at level error.
func bulkBatch(n int) []event.Event {
	start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	out := make([]event.Event, n)
	for i := range out {
		level := "info"
		if i%3 == 0 {
			level = "error"
		}
		out[i] = event.Event{
			"@timestamp": event.FormatTimestamp(start.Add(time.Duration(i) * 48 * time.Hour / time.Duration(n))),
			"event":      map[string]any{"id": fmt.Sprintf("bulk-%05d", i)},
			"message":    fmt.Sprintf("bulk event number %d", i),
			"log":        map[string]any{"level": level},
		}
	}
	return out
}

// testBulk writes a large batch twice and checks exact totals, counts and
// deduplication at that size.
func testBulk(t *testing.T, h Harness) {
	e := open(t, h)
	if res := e.write(bulkBatch(bulkEvents)); res.Written != bulkEvents || res.Duplicates != 0 || len(res.Rejected) != 0 {
		t.Fatalf("first write: written %d, duplicates %d, %d rejected", res.Written, res.Duplicates, len(res.Rejected))
	}
	if res := e.write(bulkBatch(bulkEvents)); res.Written != 0 || res.Duplicates != bulkEvents {
		t.Fatalf("second write: written %d, duplicates %d", res.Written, res.Duplicates)
	}
	res := e.search(store.SearchRequest{Limit: 2})
	if got := hitIDs(t, res); res.Total != bulkEvents || len(got) != 2 || got[0] != fmt.Sprintf("bulk-%05d", bulkEvents-1) {
		t.Errorf("search: total %d, hits %v", res.Total, got)
	}
	if got, want := e.total("log.level:error"), int64((bulkEvents+2)/3); got != want {
		t.Errorf("log.level:error: %d, want %d", got, want)
	}
	agg, err := e.s.Aggregate(e.ctx, store.AggregateRequest{Field: "log.level"})
	wantBuckets := []store.Bucket{str("info", bulkEvents-(bulkEvents+2)/3), str("error", (bulkEvents+2)/3)}
	if err != nil || agg.Total != bulkEvents || bucketsString(agg.Buckets) != bucketsString(wantBuckets) {
		t.Errorf("by log.level: %+v (%v), want %s", agg, err, bucketsString(wantBuckets))
	}
	hist, err := e.s.Aggregate(e.ctx, store.AggregateRequest{Interval: 24 * time.Hour})
	if err != nil || hist.Total != bulkEvents || len(hist.Buckets) != 2 || hist.Buckets[0].Count != bulkEvents/2 {
		t.Errorf("daily histogram: %+v (%v)", hist, err)
	}
	st, err := e.s.Stats(e.ctx)
	if err != nil || st.Events != bulkEvents {
		t.Errorf("stats %+v (%v), want %d events", st, err, bulkEvents)
	}
}

// testConcurrent searches and aggregates while batches are written, as
// the API does while the indexer writes: no errors, no lost events.
func testConcurrent(t *testing.T, h Harness) {
	e := open(t, h)
	const batches, perBatch = 8, 50
	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := e.s.Search(e.ctx, store.SearchRequest{Query: parse(t, "bulk"), Limit: 5}); err != nil {
					t.Errorf("concurrent search: %v", err)
					return
				}
				if _, err := e.s.Aggregate(e.ctx, store.AggregateRequest{Field: "log.level"}); err != nil {
					t.Errorf("concurrent aggregate: %v", err)
					return
				}
			}
		})
	}
	all := bulkBatch(batches * perBatch)
	for i := range batches {
		res, err := e.s.Write(e.ctx, all[i*perBatch:(i+1)*perBatch])
		if err != nil || res.Written != perBatch {
			t.Errorf("batch %d: %+v (%v)", i, res, err)
		}
	}
	close(done)
	wg.Wait()
	e.refresh()
	if got := e.total("*"); got != batches*perBatch {
		t.Errorf("stored %d events, want %d", got, batches*perBatch)
	}
}
