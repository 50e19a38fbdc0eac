package duckdb

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/metricset"
)

// metrics are the store's Prometheus series: counters of what Write did
// with events, its latency, and size gauges read when scraped.
type metrics struct {
	set *metricset.Set

	written    prometheus.Counter
	duplicates prometheus.Counter
	rejected   prometheus.Counter
	writeSecs  prometheus.Histogram
}

func newMetrics(reg prometheus.Registerer, s *Store) (*metrics, error) {
	m := &metrics{
		written: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_store_events_written_total",
			Help: "Events committed to the store.",
		}),
		duplicates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_store_duplicates_total",
			Help: "Events skipped because an event with the same event.id was already stored.",
		}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_store_rejected_total",
			Help: "Events refused by the store (a value that does not fit its column).",
		}),
		writeSecs: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "logstack_store_write_duration_seconds",
			Help:    "Time to write one batch, deduplication and commit included.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 15),
		}),
	}
	set, err := metricset.Register(reg, m.written, m.duplicates, m.rejected, m.writeSecs, sizeCollector{s})
	if err != nil {
		return nil, fmt.Errorf("register store metrics: %w", err)
	}
	m.set = set
	return m, nil
}

// unregister removes the series, so that a store reopened with the same
// registry (tests, a restart of the app in process) can register again.
func (m *metrics) unregister() { m.set.Unregister() }

var (
	descBytes = prometheus.NewDesc("logstack_store_bytes",
		"Size of the database file and its write-ahead log.", nil, nil)
	descEvents = prometheus.NewDesc("logstack_store_events",
		"Events in the store.", nil, nil)
	descPartitions = prometheus.NewDesc("logstack_store_partitions",
		"Day partitions in the store.", nil, nil)
)

// sizeCollector reports the store's size when scraped; it reads the
// figures Stats reads, which cost no query.
type sizeCollector struct{ s *Store }

func (c sizeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descBytes
	ch <- descEvents
	ch <- descPartitions
}

func (c sizeCollector) Collect(ch chan<- prometheus.Metric) {
	c.s.mu.RLock()
	var events int64
	for _, p := range c.s.parts {
		events += p.events
	}
	parts := len(c.s.parts)
	c.s.mu.RUnlock()
	ch <- prometheus.MustNewConstMetric(descBytes, prometheus.GaugeValue, float64(c.s.fileBytes()))
	ch <- prometheus.MustNewConstMetric(descEvents, prometheus.GaugeValue, float64(events))
	ch <- prometheus.MustNewConstMetric(descPartitions, prometheus.GaugeValue, float64(parts))
}
