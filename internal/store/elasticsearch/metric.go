package elasticsearch

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/store"
)

var _ store.MetricStore = (*Store)(nil)

// statsReply is a stats sub-aggregation's reply; min, max and sum are
// null (or sum 0) when the bucket has no value.
type statsReply struct {
	Count int64    `json:"count"`
	Min   *float64 `json:"min"`
	Max   *float64 `json:"max"`
	Sum   *float64 `json:"sum"`
}

// percentilesReply is a percentiles sub-aggregation's reply asked with
// keyed false: one {key, value} per requested percent.
type percentilesReply struct {
	Values []struct {
		Key   float64  `json:"key"`
		Value *float64 `json:"value"`
	} `json:"values"`
}

// Metric returns one datapoint per non-empty epoch-aligned period, oldest
// first, for metric alarms: a date_histogram with stats and percentiles
// sub-aggregations on the field, or its doc_count when Field is empty.
// The field must have a numeric mapping (the template's long or double
// types, store.columns, or a dynamic number); numeric strings count
// because the cluster coerces them into numeric fields when indexing.
// Percentiles are the cluster's TDigest approximations, not the exact
// nearest rank of the DuckDB store (docs/ELASTICSEARCH.md).
func (s *Store) Metric(ctx context.Context, req store.MetricRequest) (store.MetricResult, error) {
	res := store.MetricResult{Buckets: []store.MetricBucket{}}
	if s.closed.Load() {
		return res, ErrClosed
	}
	if err := checkMetric(req); err != nil {
		return res, err
	}
	r, err := retryTypes(func(force bool) (*searchReply, error) {
		q, err := s.filter(ctx, req.Query, req.From, req.To, force)
		if err != nil {
			return nil, err
		}
		agg, err := s.metricAggregation(ctx, req, force)
		if err != nil {
			return nil, err
		}
		r, err := s.search(ctx, "metric", dsl{"size": 0, "query": q, "aggs": dsl{"a": agg}})
		if err != nil && strings.Contains(err.Error(), "is not supported for aggregation") {
			err = fmt.Errorf("%w: %w", store.ErrBadRequest, err) // a non-numeric mapping in some index
		}
		return r, err
	})
	if err != nil {
		return res, err
	}
	for _, b := range r.Aggregations["a"].Buckets {
		mb, ok, err := metricBucket(b, req)
		if err != nil {
			return res, fmt.Errorf("metric: %w", err)
		}
		if ok {
			res.Buckets = append(res.Buckets, mb)
		}
	}
	return res, nil
}

// checkMetric applies the common request rules and the cluster's
// millisecond resolution.
func checkMetric(req store.MetricRequest) error {
	if err := req.Validate(); err != nil {
		return err
	}
	if req.Interval%time.Millisecond != 0 {
		return fmt.Errorf("%w: interval %s is not a whole number of milliseconds", store.ErrBadRequest, req.Interval)
	}
	return nil
}

// metricAggregation is the date_histogram of a metric request, with the
// field's stats and percentiles below it. Fixed intervals are aligned to
// the Unix epoch (offset 0), as the contract wants.
func (s *Store) metricAggregation(ctx context.Context, req store.MetricRequest, force bool) (dsl, error) {
	agg := s.dateHistogram(req.Interval)
	if req.Field == "" {
		return agg, nil
	}
	types, err := s.typesFor(ctx, []string{req.Field}, force)
	if err != nil {
		return nil, err
	}
	field, typ, err := (&translator{types: types}).fieldOf(req.Field)
	if err != nil {
		return nil, err
	}
	if typ != "" && typ != typeLong && typ != typeDouble {
		return nil, fmt.Errorf("%w: field %q is mapped as %s, not as a number", store.ErrBadRequest, field, typ)
	}
	sub := dsl{"stats": dsl{"stats": dsl{"field": field}}}
	if len(req.Percentiles) > 0 {
		sub["percentiles"] = dsl{"percentiles": dsl{"field": field, "percents": req.Percentiles, "keyed": false}}
	}
	agg["aggs"] = sub
	return agg, nil
}

// dateHistogram counts per epoch-aligned interval, empty buckets left
// out: fixed_interval, or interval before Elasticsearch 7.2.
func (s *Store) dateHistogram(d time.Duration) dsl {
	key := "fixed_interval"
	if !s.cluster.OpenSearch && !s.cluster.atLeast(7, 2) {
		key = "interval" // fixed_interval arrived in Elasticsearch 7.2
	}
	return dsl{"date_histogram": dsl{"field": "@timestamp", key: fixedInterval(d), "min_doc_count": 1}}
}

// metricBucket converts a date_histogram bucket; ok is false for a bucket
// whose matches hold no value of the field.
func metricBucket(b aggBucket, req store.MetricRequest) (store.MetricBucket, bool, error) {
	ms, err := strconv.ParseFloat(string(b.Key), 64)
	if err != nil {
		return store.MetricBucket{}, false, fmt.Errorf("unreadable bucket key %s", b.Key)
	}
	mb := store.MetricBucket{Start: time.UnixMilli(int64(ms)).UTC()}
	if req.Field == "" {
		mb.Count, mb.Sum, mb.Min, mb.Max = b.DocCount, float64(b.DocCount), 1, 1
		for range req.Percentiles {
			mb.Percentiles = append(mb.Percentiles, 1)
		}
		return mb, b.DocCount > 0, nil
	}
	st := b.Stats
	if st == nil || st.Count == 0 {
		return mb, false, nil
	}
	if st.Min == nil || st.Max == nil || st.Sum == nil {
		return mb, false, fmt.Errorf("stats of bucket %s lack min, max or sum", b.Key)
	}
	mb.Count, mb.Min, mb.Max, mb.Sum = st.Count, *st.Min, *st.Max, *st.Sum
	mb.Percentiles, err = percentiles(b.Percentiles, req.Percentiles)
	return mb, true, err
}

// percentiles returns the reply's values in the request's order, found
// by their keys.
func percentiles(r *percentilesReply, want []float64) ([]float64, error) {
	if len(want) == 0 {
		return nil, nil
	}
	if r == nil {
		return nil, fmt.Errorf("reply lacks the percentiles")
	}
	byKey := make(map[float64]float64, len(r.Values))
	for _, v := range r.Values {
		if v.Value != nil {
			byKey[v.Key] = *v.Value
		}
	}
	out := make([]float64, len(want))
	for i, p := range want {
		v, ok := byKey[p]
		if !ok {
			return nil, fmt.Errorf("reply lacks percentile %v", p)
		}
		out[i] = v
	}
	return out, nil
}
