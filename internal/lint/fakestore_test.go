package lint

import (
	"context"
	"errors"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// fakeStore is a test double for store.Store's Search and Aggregate: it
// holds event timestamps per rendered query and answers date histograms
// aligned to the Unix epoch, with empty buckets left out.
type fakeStore struct {
	events map[string][]time.Time // query.String(parsed query) -> timestamps
	err    error
	calls  int
}

func (f *fakeStore) Aggregate(_ context.Context, req store.AggregateRequest) (store.AggregateResult, error) {
	f.calls++
	if f.err != nil {
		return store.AggregateResult{}, f.err
	}
	if req.Interval <= 0 {
		return store.AggregateResult{}, errors.New("fake: interval required")
	}
	counts := map[int64]int64{}
	var keys []int64
	res := store.AggregateResult{}
	for _, ts := range f.events[query.String(req.Query)] {
		if ts.Before(req.From) || !ts.Before(req.To) {
			continue
		}
		b := ts.UnixNano() / int64(req.Interval)
		if counts[b] == 0 {
			keys = append(keys, b)
		}
		counts[b]++
		res.Total++
	}
	for _, k := range keys {
		res.Buckets = append(res.Buckets, store.Bucket{Key: time.Unix(0, k*int64(req.Interval)).UTC(), Count: counts[k]})
	}
	return res, nil
}

func (f *fakeStore) Search(context.Context, store.SearchRequest) (store.SearchResult, error) {
	return store.SearchResult{}, errors.New("fake: search not used by lint")
}

// every returns n timestamps per period for periods periods ending at end.
func every(end time.Time, period time.Duration, periods, n int) []time.Time {
	var out []time.Time
	for p := 1; p <= periods; p++ {
		for i := 0; i < n; i++ {
			out = append(out, end.Add(-time.Duration(p)*period+time.Duration(i)*time.Millisecond))
		}
	}
	return out
}
