package elasticsearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// Aggregation limits, as in the DuckDB store: the default number of field
// buckets and the most buckets a request may produce (search.max_buckets).
const (
	defaultSize = 10
	maxBuckets  = 65536
)

// aggBucket is one bucket of a terms or date_histogram reply.
type aggBucket struct {
	Key         json.RawMessage `json:"key"`
	KeyAsString *string         `json:"key_as_string"`
	DocCount    int64           `json:"doc_count"`
	// Stats and Percentiles are the sub-aggregations of Metric's
	// buckets.
	Stats       *statsReply       `json:"stats"`
	Percentiles *percentilesReply `json:"percentiles"`
}

// Aggregate counts matching events by a field's values (terms: the Size
// most frequent, ties by value) or per epoch-aligned time bucket
// (date_histogram with fixed_interval; empty buckets between the first
// and the last are filled in, as the DuckDB store returns them). Total
// counts every match, including those without the field.
func (s *Store) Aggregate(ctx context.Context, req store.AggregateRequest) (store.AggregateResult, error) {
	res := store.AggregateResult{Buckets: []store.Bucket{}}
	if s.closed.Load() {
		return res, ErrClosed
	}
	if err := checkAggregate(req); err != nil {
		return res, err
	}
	var typ string
	r, err := retryTypes(func(force bool) (*searchReply, error) {
		q, err := s.filter(ctx, req.Query, req.From, req.To, force)
		if err != nil {
			return nil, err
		}
		var agg dsl
		if agg, typ, err = s.aggregation(ctx, req, force); err != nil {
			return nil, err
		}
		return s.search(ctx, "aggregate", dsl{"size": 0, "track_total_hits": true, "query": q, "aggs": dsl{"a": agg}})
	})
	if err != nil {
		return res, err
	}
	if res.Total, err = r.total(); err != nil {
		return res, fmt.Errorf("aggregate: %w", err)
	}
	buckets := r.Aggregations["a"].Buckets
	if req.Interval > 0 {
		res.Buckets, err = histogram(buckets, req.Interval)
		return res, err
	}
	for _, b := range buckets {
		res.Buckets = append(res.Buckets, store.Bucket{Key: bucketKey(typ, b), Count: b.DocCount})
	}
	return res, nil
}

// aggregation returns the request's aggregation and, for terms, the
// field's type.
func (s *Store) aggregation(ctx context.Context, req store.AggregateRequest, force bool) (dsl, string, error) {
	if req.Interval > 0 {
		return s.dateHistogram(req.Interval), "", nil
	}
	types, err := s.typesFor(ctx, []string{req.Field}, force)
	if err != nil {
		return nil, "", err
	}
	field, typ, err := (&translator{types: types}).fieldOf(req.Field)
	if err != nil {
		return nil, "", err
	}
	if typ == typeText {
		return nil, "", fmt.Errorf("%w: cannot count by the values of text field %q", store.ErrBadRequest, field)
	}
	size := req.Size
	if size == 0 {
		size = defaultSize
	}
	return dsl{"terms": dsl{"field": field, "size": size, "order": []any{dsl{"_count": "desc"}, dsl{"_key": "asc"}}}}, typ, nil
}

// checkAggregate applies the DuckDB store's request rules, plus the
// cluster's millisecond resolution for intervals.
func checkAggregate(req store.AggregateRequest) error {
	switch {
	case (req.Field == "") == (req.Interval == 0):
		return fmt.Errorf("%w: set exactly one of field and interval", store.ErrBadRequest)
	case req.Interval < 0:
		return fmt.Errorf("%w: negative interval %s", store.ErrBadRequest, req.Interval)
	case req.Interval%time.Millisecond != 0:
		return fmt.Errorf("%w: interval %s is not a whole number of milliseconds", store.ErrBadRequest, req.Interval)
	case req.Size < 0 || req.Size > maxBuckets:
		return fmt.Errorf("%w: size %d outside 0..%d", store.ErrBadRequest, req.Size, maxBuckets)
	}
	return nil
}

// fixedInterval writes an interval in whole seconds when it is one.
func fixedInterval(d time.Duration) string {
	if d%time.Second == 0 {
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return strconv.FormatInt(int64(d/time.Millisecond), 10) + "ms"
}

// histogram turns date_histogram buckets (epoch-millisecond keys) into
// store buckets keyed by their start, filling the empty ones between.
func histogram(buckets []aggBucket, interval time.Duration) ([]store.Bucket, error) {
	out := []store.Bucket{}
	var next time.Time
	for _, b := range buckets {
		ms, err := strconv.ParseFloat(string(b.Key), 64)
		if err != nil {
			return nil, fmt.Errorf("aggregate: unreadable bucket key %s", b.Key)
		}
		at := time.UnixMilli(int64(ms)).UTC()
		if len(out) > 0 && int64(at.Sub(next)/interval) > int64(maxBuckets-len(out)) {
			return nil, fmt.Errorf("%w: more than %d buckets; use a longer interval", store.ErrBadRequest, maxBuckets)
		}
		for ; len(out) > 0 && next.Before(at); next = next.Add(interval) {
			out = append(out, store.Bucket{Key: next, Count: 0})
		}
		out = append(out, store.Bucket{Key: at, Count: b.DocCount})
		next = at.Add(interval)
	}
	return out, nil
}

// bucketKey converts a terms key to the DuckDB store's key types: strings
// stay, numbers are json.Number, booleans bool, dates RFC 3339 text.
func bucketKey(typ string, b aggBucket) any {
	raw := bytes.TrimSpace(b.Key)
	isString := len(raw) > 0 && raw[0] == '"'
	switch {
	case !isString && b.KeyAsString != nil && (*b.KeyAsString == "true" || *b.KeyAsString == "false"):
		return *b.KeyAsString == "true"
	case typ == typeDate && !isString:
		if ms, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
			return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
		}
	case isString:
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	case typ == typeDouble:
		if f, err := strconv.ParseFloat(string(raw), 64); err == nil {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return json.Number(raw)
}
