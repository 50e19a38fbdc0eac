package elasticsearch

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/metricset"
)

// Item outcomes counted by logstack_es_bulk_items_total.
const (
	outcomeCreated   = "created"
	outcomeDuplicate = "duplicate"
	outcomeRejected  = "rejected"
	outcomeRetried   = "retried"
)

// metrics are the backend's Prometheus series: what _bulk did with each
// item, how often it retried, and request latency by operation.
type metrics struct {
	set *metricset.Set

	bulkRequests prometheus.Counter
	items        *prometheus.CounterVec
	retries      prometheus.Counter
	latency      *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		bulkRequests: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_es_bulk_requests_total",
			Help: "_bulk requests sent to Elasticsearch/OpenSearch.",
		}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_es_bulk_items_total",
			Help: "Bulk items by outcome: created, duplicate (409, already stored), rejected (dead-lettered), retried (429/5xx).",
		}, []string{"outcome"}),
		retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_es_bulk_retries_total",
			Help: "Bulk requests re-sent for items answered 429 or 5xx.",
		}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "logstack_es_request_duration_seconds",
			Help:    "Latency of requests to the cluster by operation (bulk, search, aggregate, delete, stats).",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 16),
		}, []string{"op"}),
	}
	for _, o := range []string{outcomeCreated, outcomeDuplicate, outcomeRejected, outcomeRetried} {
		m.items.WithLabelValues(o)
	}
	set, err := metricset.Register(reg, m.bulkRequests, m.items, m.retries, m.latency)
	if err != nil {
		return nil, fmt.Errorf("register elasticsearch metrics: %w", err)
	}
	m.set = set
	return m, nil
}

// unregister removes the series, so a store reopened with the same
// registry can register again.
func (m *metrics) unregister() { m.set.Unregister() }
