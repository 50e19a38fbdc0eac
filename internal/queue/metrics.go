package queue

import (
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// metrics counts what passes through the queue; the stream's own state is
// read on scrape by statsCollector.
type metrics struct {
	published      prometheus.Counter
	publishedBytes prometheus.Counter
	duplicates     prometheus.Counter
	publishErrors  *prometheus.CounterVec
	deadLettered   prometheus.Counter
	replayed       prometheus.Counter
	replayErrors   prometheus.Counter
	deleted        prometheus.Counter
	maxBytes       prometheus.Gauge
	stats          *statsCollector
}

// errorReasons are pre-created so every reason is exported from the start.
var errorReasons = []string{"full", "disk_low", "unavailable", "too_large", "canceled", "other"}

// newMetrics creates the queue's metrics (not yet registered).
func newMetrics(q *Queue) *metrics {
	m := &metrics{
		published: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_queue_published_messages_total",
			Help: "Messages stored in the queue (acknowledged by JetStream), duplicates included.",
		}),
		publishedBytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_queue_published_bytes_total",
			Help: "Payload bytes stored in the queue.",
		}),
		duplicates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_queue_publish_duplicates_total",
			Help: "Publishes JetStream recognised as retries of a stored message id.",
		}),
		publishErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_queue_publish_errors_total",
			Help: "Failed publishes by reason (full, disk_low, unavailable, too_large, canceled, other).",
		}, []string{"reason"}),
		deadLettered: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_queue_dead_lettered_messages_total",
			Help: "Messages stored in the dead-letter stream.",
		}),
		replayed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_queue_dead_letters_replayed_total",
			Help: "Dead letters published back into the queue and deleted (logstack dlq replay).",
		}),
		replayErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_queue_dead_letter_replay_errors_total",
			Help: "Dead-letter replays that failed; the letter stays listed.",
		}),
		deleted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_queue_dead_letters_deleted_total",
			Help: "Dead letters deleted without replay (logstack dlq rm).",
		}),
		maxBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "logstack_queue_max_bytes",
			Help: "Byte limit of the queue stream; publishes fail beyond it.",
		}),
		stats: newStatsCollector(q),
	}
	for _, r := range errorReasons {
		m.publishErrors.WithLabelValues(r)
	}
	m.maxBytes.Set(float64(q.cfg.MaxBytes))
	return m
}

// collectors lists everything to (un)register.
func (m *metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.published, m.publishedBytes, m.duplicates, m.publishErrors, m.deadLettered, m.replayed, m.replayErrors, m.deleted, m.maxBytes, m.stats}
}

// register registers all metrics, undoing partial registration on error.
func (m *metrics) register(reg prometheus.Registerer) error {
	for i, c := range m.collectors() {
		if err := reg.Register(c); err != nil {
			for _, done := range m.collectors()[:i] {
				reg.Unregister(done)
			}
			return err
		}
	}
	return nil
}

// unregister removes the metrics so the registry can take a reopened queue.
func (m *metrics) unregister(reg prometheus.Registerer) {
	for _, c := range m.collectors() {
		reg.Unregister(c)
	}
}

// observePublish counts one publish outcome; nil-safe.
func (m *metrics) observePublish(size int, ack *jetstream.PubAck, err error) {
	switch {
	case m == nil:
	case err != nil:
		m.publishErrors.WithLabelValues(reason(err)).Inc()
	default:
		m.published.Inc()
		m.publishedBytes.Add(float64(size))
		if ack != nil && ack.Duplicate {
			m.duplicates.Inc()
		}
	}
}

// observeDeadLetter counts a stored dead letter; nil-safe.
func (m *metrics) observeDeadLetter(err error) {
	if m != nil && err == nil {
		m.deadLettered.Inc()
	}
}

// observeReplay counts one replay outcome; nil-safe.
func (m *metrics) observeReplay(err error) {
	switch {
	case m == nil:
	case err != nil:
		m.replayErrors.Inc()
	default:
		m.replayed.Inc()
	}
}

// observeDeadLetterDeleted counts a dead letter deleted without replay;
// nil-safe.
func (m *metrics) observeDeadLetterDeleted() {
	if m != nil {
		m.deleted.Inc()
	}
}
