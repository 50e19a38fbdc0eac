package indexer

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	events       prometheus.Counter
	duplicates   prometheus.Counter
	rejected     prometheus.Counter
	errors       *prometheus.CounterVec
	batchSeconds prometheus.Histogram
	lag          prometheus.Histogram
	lastLag      prometheus.Gauge
	redelivered  prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) metrics {
	m := metrics{
		events: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_indexer_events_total",
			Help: "Events committed to the store.",
		}),
		duplicates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_indexer_duplicates_total",
			Help: "Events skipped because the store already held their event.id (redeliveries, client retries).",
		}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_indexer_dead_lettered_total",
			Help: "Events the store refused, sent to the dead-letter stream with the reason.",
		}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_indexer_errors_total",
			Help: "Indexer errors by kind (fetch, ack, store_retryable, store_permanent).",
		}, []string{"kind"}),
		batchSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "logstack_indexer_batch_seconds",
			Help:    "Time to commit one batch to the store.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 16),
		}),
		lag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "logstack_indexer_lag_seconds",
			Help:    "Time from a message's arrival in the queue to its commit in the store.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 20),
		}),
		lastLag: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "logstack_indexer_last_lag_seconds",
			Help: "Queue-to-store lag of the most recently committed message.",
		}),
		redelivered: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_indexer_redelivered_messages_total",
			Help: "Queue messages fetched again after an earlier delivery was not acknowledged (an indexer crashed or exceeded ack_wait, or a write failed).",
		}),
	}
	reg.MustRegister(m.events, m.duplicates, m.rejected, m.errors, m.batchSeconds, m.lag, m.lastLag, m.redelivered)
	return m
}
