package store

import (
	"context"
	"time"

	"github.com/logstack/logstack/internal/query"
)

// MetricStore computes per-period statistics over matching events, which is
// what a metric alarm needs (one datapoint per period, CloudWatch style).
// Both backends implement it; it is separate from Store so that consumers
// that only search keep depending on the smaller interface.
type MetricStore interface {
	// Metric returns one bucket per Interval-aligned period (aligned on
	// the Unix epoch, UTC) in [From, To) that holds at least one value,
	// oldest first. A period without values has no bucket: it is a
	// missing datapoint, not zero.
	Metric(ctx context.Context, req MetricRequest) (MetricResult, error)
}

// MetricRequest selects events and the value each contributes. With Field
// empty every matching event contributes 1 (so Sum counts events, as a
// CloudWatch metric filter with value 1 does); with Field set, each
// matching event whose field holds a number (or a numeric string)
// contributes that number, and events without one contribute nothing.
type MetricRequest struct {
	Query    query.Node
	From, To time.Time
	Interval time.Duration
	Field    string
	// Percentiles lists the percentiles (0 to 100) to compute per bucket,
	// nearest-rank: the smallest value such that at least p% of the
	// bucket's values are less than or equal to it. Backends that can only
	// approximate (Elasticsearch's TDigest) say so in their docs.
	Percentiles []float64
}

// MetricResult holds the non-empty buckets, oldest first.
type MetricResult struct {
	Buckets []MetricBucket `json:"buckets"`
}

// MetricBucket is one period's statistics. Count is the number of values
// (CloudWatch's SampleCount); Percentiles follows the request's order.
type MetricBucket struct {
	Start       time.Time `json:"start"`
	Count       int64     `json:"count"`
	Sum         float64   `json:"sum"`
	Min         float64   `json:"min"`
	Max         float64   `json:"max"`
	Percentiles []float64 `json:"percentiles,omitempty"`
}
