package alarmeval

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// memStore is a small in-memory store.MetricStore following the
// interface's contract: buckets aligned on Interval since the epoch, only
// non-empty ones, oldest first, Field-less events worth 1, nearest-rank
// percentiles. Events are filed under a query's canonical string, which is
// all the matching these tests need.
type memStore struct {
	mu       sync.Mutex
	events   map[string][]memEvent
	requests []store.MetricRequest
	// fail, when set, is returned by Metric.
	fail error
}

type memEvent struct {
	at     time.Time
	fields map[string]float64
}

var _ store.MetricStore = (*memStore)(nil)

func newMemStore() *memStore { return &memStore{events: map[string][]memEvent{}} }

// add files one event with fields under the query q.
func (m *memStore) add(q string, at time.Time, fields map[string]float64) {
	n, err := query.Parse(q)
	if err != nil {
		panic(err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := query.String(n)
	m.events[k] = append(m.events[k], memEvent{at: at, fields: fields})
}

// addCount files n value-less events at at.
func (m *memStore) addCount(q string, at time.Time, n int) {
	for range n {
		m.add(q, at, nil)
	}
}

func (m *memStore) Metric(_ context.Context, req store.MetricRequest) (store.MetricResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests = append(m.requests, req)
	if m.fail != nil {
		return store.MetricResult{}, m.fail
	}
	if req.Interval <= 0 || !req.From.Before(req.To) {
		return store.MetricResult{}, errors.New("memstore: bad request")
	}
	values := map[int64][]float64{}
	for _, e := range m.events[query.String(req.Query)] {
		if e.at.Before(req.From) || !e.at.Before(req.To) {
			continue
		}
		v, ok := 1.0, true
		if req.Field != "" {
			v, ok = e.fields[req.Field]
		}
		if ok {
			k := align(e.at, req.Interval).UnixNano()
			values[k] = append(values[k], v)
		}
	}
	var out store.MetricResult
	for k, vs := range values {
		out.Buckets = append(out.Buckets, bucketOf(time.Unix(0, k).UTC(), vs, req.Percentiles))
	}
	slices.SortFunc(out.Buckets, func(a, b store.MetricBucket) int { return a.Start.Compare(b.Start) })
	return out, nil
}

func bucketOf(start time.Time, vs []float64, percentiles []float64) store.MetricBucket {
	sorted := slices.Sorted(slices.Values(vs))
	b := store.MetricBucket{Start: start, Count: int64(len(vs)), Min: sorted[0], Max: sorted[len(sorted)-1]}
	for _, v := range vs {
		b.Sum += v
	}
	for _, p := range percentiles {
		rank := max(int(math.Ceil(p/100*float64(len(sorted)))), 1)
		b.Percentiles = append(b.Percentiles, sorted[rank-1])
	}
	return b
}
