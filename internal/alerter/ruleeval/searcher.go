package ruleeval

import (
	"context"

	"github.com/logstack/logstack/internal/store"
)

// Store is the part of store.Store the evaluator needs: hits sorted by
// time with exact totals, and per-interval counts to check the overlap
// for late events cheaply. Both backends implement it.
type Store interface {
	Search(ctx context.Context, req store.SearchRequest) (store.SearchResult, error)
	Aggregate(ctx context.Context, req store.AggregateRequest) (store.AggregateResult, error)
}
