package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/query"
)

// Store keeps events. Every implementation must make Write idempotent by
// event.id (a batch written twice, or an event resent by a client, is stored
// once) and atomic (the accepted events of a batch are committed together or
// not at all), because the indexer acknowledges queue messages only after
// Write returns and replays them after a crash.
type Store interface {
	// Write stores a batch of normalized events (each has @timestamp and
	// event.id). Events the backend refuses (a value that cannot be kept,
	// a mapping conflict) are reported in WriteResult.Rejected and the rest
	// is committed. A returned error means nothing was committed; it is
	// retryable unless errors.Is(err, ErrPermanent).
	Write(ctx context.Context, events []event.Event) (WriteResult, error)
	// Search returns the events matching the request, newest first unless
	// SortAscending.
	Search(ctx context.Context, req SearchRequest) (SearchResult, error)
	// Aggregate counts matching events by the values of a field or by time
	// bucket.
	Aggregate(ctx context.Context, req AggregateRequest) (AggregateResult, error)
	// DeleteOlderThan drops events with @timestamp before cutoff. Backends
	// drop whole time partitions, so events up to one partition newer than
	// cutoff may survive until the next call.
	DeleteOlderThan(ctx context.Context, cutoff time.Time) (Deleted, error)
	// Stats reports size figures for metrics and readiness.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the backend. It is safe to call more than once.
	Close() error
}

// WriteResult says what became of a batch.
type WriteResult struct {
	Written    int
	Duplicates int
	Rejected   []Rejection
}

// Rejection names an event of the batch (by index) that the backend refused
// and why, so the indexer can dead-letter it with the reason.
type Rejection struct {
	Index  int
	Reason string
}

// SearchRequest selects events. A zero From or To leaves that end open; a
// nil Query matches everything.
type SearchRequest struct {
	Query         query.Node
	From, To      time.Time
	Limit         int
	SortAscending bool
}

// SearchResult holds the total number of matches and up to Limit of them as
// the JSON documents that were stored.
type SearchResult struct {
	Total int64             `json:"total"`
	Hits  []json.RawMessage `json:"hits"`
}

// AggregateRequest counts matching events. With Field set it counts by the
// field's values (the Size most frequent, ties by value); with Interval set
// it counts per time bucket (a date histogram, buckets aligned to the Unix
// epoch). Exactly one of Field and Interval is set.
type AggregateRequest struct {
	Query    query.Node
	From, To time.Time
	Field    string
	Size     int
	Interval time.Duration
}

// AggregateResult is the total number of matches and the buckets. Keys are
// the field's values (string, json.Number or bool) or, for a date histogram,
// the bucket's start time.
type AggregateResult struct {
	Total   int64    `json:"total"`
	Buckets []Bucket `json:"buckets"`
}

// Bucket is one aggregation row.
type Bucket struct {
	Key   any   `json:"key"`
	Count int64 `json:"count"`
}

// Deleted reports what retention removed.
type Deleted struct {
	Partitions int   `json:"partitions"`
	Events     int64 `json:"events"`
}

// Stats are a backend's size figures.
type Stats struct {
	Events     int64 `json:"events"`
	Bytes      int64 `json:"bytes"`
	Partitions int   `json:"partitions"`
}
