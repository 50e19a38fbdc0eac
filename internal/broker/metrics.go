package broker

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/queue"
)

type metrics struct {
	events  *prometheus.CounterVec
	bytes   *prometheus.CounterVec
	errors  *prometheus.CounterVec
	latency prometheus.Histogram
}

func newMetrics(reg prometheus.Registerer) metrics {
	m := metrics{
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_broker_events_queued_total",
			Help: "Events made durable in the queue, by input.",
		}, []string{"input"}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_broker_bytes_queued_total",
			Help: "Encoded bytes made durable in the queue, by input.",
		}, []string{"input"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_broker_publish_errors_total",
			Help: "Failed publishes, by input and reason (full, disk_low, unavailable, too_large, encode, other).",
		}, []string{"input", "reason"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "logstack_broker_publish_seconds",
			Help:    "Time from accepting a batch to its durable acknowledgement by the queue.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}),
	}
	reg.MustRegister(m.events, m.bytes, m.errors, m.latency)
	return m
}

func reason(err error) string {
	switch {
	case errors.Is(err, queue.ErrFull):
		return "full"
	case errors.Is(err, queue.ErrDiskLow):
		return "disk_low"
	case errors.Is(err, queue.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, queue.ErrTooLarge):
		return "too_large"
	default:
		return "other"
	}
}
