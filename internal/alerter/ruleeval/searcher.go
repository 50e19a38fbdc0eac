package ruleeval

import (
	"context"

	"github.com/logstack/logstack/internal/store"
)

// Searcher is the part of store.Store the evaluator needs: hits sorted by
// time and exact totals (a zero Limit only counts). Both backends
// implement it; tests may pass a SearcherFunc.
type Searcher interface {
	Search(ctx context.Context, req store.SearchRequest) (store.SearchResult, error)
}

// SearcherFunc adapts a function to Searcher, for tests that inject
// failures.
type SearcherFunc func(ctx context.Context, req store.SearchRequest) (store.SearchResult, error)

// Search calls f.
func (f SearcherFunc) Search(ctx context.Context, req store.SearchRequest) (store.SearchResult, error) {
	return f(ctx, req)
}
