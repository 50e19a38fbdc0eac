package tcpin

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/input"
)

// metrics holds the input's series; those with only an input label are
// resolved to input="tcp" once, as they are updated per line or read.
type metrics struct {
	events        prometheus.Counter
	rejected      *prometheus.CounterVec // by reason
	connections   prometheus.Gauge
	connRejected  prometheus.Counter
	parseFailures prometheus.Counter
	longLines     prometheus.Counter
	lost          *prometheus.CounterVec // by reason
	bytes         prometheus.Counter
}

// newMetrics registers the input metrics. The events and rejected families
// are shared with the HTTP input (same names, help and labels), so an
// existing registration is reused instead of failing.
func newMetrics(reg prometheus.Registerer) *metrics {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels))
	}
	return &metrics{
		events: counter("logstack_input_events_total",
			"Events an input received and the queue made durable, by input.", "input").WithLabelValues(inputName),
		rejected: counter("logstack_input_rejected_total",
			"Requests (HTTP) or publish attempts (TCP) refused, by input and reason.", "input", "reason"),
		connections: input.Register(reg, prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "logstack_input_connections",
			Help: "Open client connections, by input.",
		}, []string{"input"})).WithLabelValues(inputName),
		connRejected: counter("logstack_input_connections_rejected_total",
			"Connections closed at once because the input was at its connection limit, by input.", "input").WithLabelValues(inputName),
		parseFailures: counter("logstack_input_parse_failures_total",
			"Lines that were not a JSON object and were kept as a tagged message, by input.", "input").WithLabelValues(inputName),
		longLines: counter("logstack_input_lines_too_long_total",
			"Lines cut at the line limit, the rest discarded, by input.", "input").WithLabelValues(inputName),
		lost: counter("logstack_input_events_lost_total",
			"Events received but never made durable (shutdown deadline, larger than the queue accepts), by input and reason.", "input", "reason"),
		bytes: counter("logstack_input_bytes_total",
			"Bytes read from client connections, by input.", "input").WithLabelValues(inputName),
	}
}
