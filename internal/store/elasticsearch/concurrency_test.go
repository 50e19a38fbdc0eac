package elasticsearch

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"

	"github.com/logstack/logstack/internal/testkit/esfake"
)

// TestConcurrentWrites has indexers write overlapping batches at once, as
// several indexers replaying the same queue messages do: every event is
// stored exactly once and the outcomes add up.
func TestConcurrentWrites(t *testing.T) {
	fake := esfake.Start(t)
	s := openAt(t, fake.URL, func(o *Options) { o.BulkMaxEvents = 7 })
	// The same event (same id, same @timestamp, so the same hourly
	// index) in several batches; ids are unique per index only.
	all := make([]event.Event, 60)
	for i := range all {
		all[i] = event.Event{"@timestamp": time.Date(2026, 11, 22, 10, 50+i, 0, 0, time.UTC).Format(time.RFC3339),
			"event": map[string]any{"id": fmt.Sprintf("id-%02d", i)}}
	}
	var mu sync.Mutex
	written, dups := 0, 0
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			batch := all[w*10 : w*10+30] // each overlaps the next
			res, err := s.Write(t.Context(), batch)
			if err != nil {
				t.Errorf("writer %d: %v", w, err)
				return
			}
			mu.Lock()
			written += res.Written
			dups += res.Duplicates
			mu.Unlock()
		})
	}
	wg.Wait()
	counts := fake.IDCounts()
	if written != len(counts) || written+dups != 120 {
		t.Errorf("written %d, duplicates %d, stored ids %d", written, dups, len(counts))
	}
	for id, n := range counts {
		if n != 1 {
			t.Errorf("%s stored %d times", id, n)
		}
	}
}
