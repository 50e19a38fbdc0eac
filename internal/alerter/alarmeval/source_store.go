package alarmeval

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// storeSource computes a query alarm's datapoints with one
// store.MetricStore call per evaluation, covering the evaluation range.
type storeSource struct {
	alarm *alarm.Alarm
	store store.MetricStore
	query query.Node
	stat  bucketStat
}

// bucketStat picks an alarm statistic's value out of a store bucket.
type bucketStat struct {
	kind       string
	percentile float64 // when kind is "percentile"
}

func newStoreSource(a *alarm.Alarm, st store.MetricStore) (*storeSource, error) {
	q, err := query.Parse(a.Metric.Query)
	if err != nil {
		return nil, fmt.Errorf("metric.query: %w", err)
	}
	bs, err := statFor(a.Metric.Statistic)
	if err != nil {
		return nil, err
	}
	return &storeSource{alarm: a, store: st, query: q, stat: bs}, nil
}

// statFor maps an alarm statistic to the bucket field it reads: sum ->
// Sum, average -> Sum/Count, minimum -> Min, maximum -> Max, sample_count
// -> Count, pNN -> Percentiles[0] (the request asks for NN only).
func statFor(s alarm.Statistic) (bucketStat, error) {
	switch name := s.String(); name {
	case "sum", "average", "minimum", "maximum", "sample_count":
		return bucketStat{kind: name}, nil
	default:
		p, err := strconv.ParseFloat(strings.TrimPrefix(name, "p"), 64)
		if !strings.HasPrefix(name, "p") || err != nil {
			return bucketStat{}, fmt.Errorf("metric.statistic: unsupported statistic %q", name)
		}
		return bucketStat{kind: "percentile", percentile: p}, nil
	}
}

// value is the datapoint of a non-empty bucket.
func (b bucketStat) value(k store.MetricBucket) (float64, bool) {
	switch b.kind {
	case "sum":
		return k.Sum, true
	case "average":
		return k.Sum / float64(k.Count), k.Count > 0
	case "minimum":
		return k.Min, true
	case "maximum":
		return k.Max, true
	case "sample_count":
		return float64(k.Count), true
	case "percentile":
		if len(k.Percentiles) == 0 {
			return 0, false
		}
		return k.Percentiles[0], true
	}
	return 0, false
}

func (s *storeSource) window(ctx context.Context, end time.Time) ([]alarm.Point, error) {
	req := store.MetricRequest{Query: s.query, From: rangeStart(s.alarm, end), To: end,
		Interval: s.alarm.Period, Field: s.alarm.Metric.Field}
	if s.stat.kind == "percentile" {
		req.Percentiles = []float64{s.stat.percentile}
	}
	res, err := s.store.Metric(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("metric query: %w", err)
	}
	values := make(map[int64]float64, len(res.Buckets))
	for _, b := range res.Buckets {
		if v, ok := s.stat.value(b); ok && b.Count > 0 {
			values[b.Start.UnixNano()] = v
		}
	}
	return points(s.alarm, end, values), nil
}
