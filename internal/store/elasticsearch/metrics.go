package elasticsearch

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
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
	reg        prometheus.Registerer
	collectors []prometheus.Collector

	bulkRequests prometheus.Counter
	items        *prometheus.CounterVec
	retries      prometheus.Counter
	latency      *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		reg: reg,
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
	m.collectors = []prometheus.Collector{m.bulkRequests, m.items, m.retries, m.latency}
	if reg == nil {
		return m, nil
	}
	for i, c := range m.collectors {
		if err := reg.Register(c); err != nil {
			for _, done := range m.collectors[:i] {
				reg.Unregister(done)
			}
			return nil, fmt.Errorf("register elasticsearch metrics: %w", err)
		}
	}
	return m, nil
}

// unregister removes the series, so a store reopened with the same
// registry can register again.
func (m *metrics) unregister() {
	if m.reg == nil {
		return
	}
	for _, c := range m.collectors {
		m.reg.Unregister(c)
	}
}
