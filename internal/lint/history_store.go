package lint

import (
	"context"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// Aggregator is the part of store.Store the history checks use, so a test
// or a read-only client can stand in for a whole store.
type Aggregator interface {
	Aggregate(ctx context.Context, req store.AggregateRequest) (store.AggregateResult, error)
}

// StoreCounter is a Counter over a store (any store.Store), for
// `logstack lint --data-dir` and for tests.
type StoreCounter struct{ Store Aggregator }

// Count returns the number of matches, as the total of one date histogram
// over [from, to).
func (s StoreCounter) Count(ctx context.Context, q query.Node, from, to time.Time) (int64, error) {
	res, err := s.aggregate(ctx, q, from, to, to.Sub(from))
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// CountPer returns the counts of the date histogram with period buckets.
func (s StoreCounter) CountPer(ctx context.Context, q query.Node, from, to time.Time, period time.Duration) ([]int64, error) {
	res, err := s.aggregate(ctx, q, from, to, period)
	if err != nil {
		return nil, err
	}
	out := make([]int64, 0, len(res.Buckets))
	for _, b := range res.Buckets {
		out = append(out, b.Count)
	}
	return out, nil
}

// aggregate parses q and runs one date histogram.
func (s StoreCounter) aggregate(ctx context.Context, q query.Node, from, to time.Time, interval time.Duration) (store.AggregateResult, error) {
	if interval <= 0 {
		return store.AggregateResult{}, fmt.Errorf("interval %s: %w", interval, store.ErrBadRequest)
	}
	return s.Store.Aggregate(ctx, store.AggregateRequest{Query: q, From: from, To: to, Interval: interval})
}
