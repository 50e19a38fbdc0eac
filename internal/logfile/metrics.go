package logfile

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/input"
)

type metrics struct {
	objects  *prometheus.CounterVec
	lines    prometheus.Counter
	events   prometheus.Counter
	badLines prometheus.Counter
	bytes    prometheus.Counter
}

// newMetrics registers the logfile metrics on reg (shared by every
// Processor on the same registry).
func newMetrics(reg prometheus.Registerer) metrics {
	counter := func(name, help string) prometheus.Counter {
		return input.Register(reg, prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help}))
	}
	return metrics{
		objects: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_logfile_objects_total",
			Help: "Log objects processed, by result (ok, skipped, failed).",
		}, []string{"result"})),
		lines:    counter("logstack_logfile_lines_total", "Lines read from log objects."),
		events:   counter("logstack_logfile_events_total", "Events delivered from log objects, parse failures included."),
		badLines: counter("logstack_logfile_bad_lines_total", "Lines that did not parse, delivered tagged _elbparsefailure."),
		bytes:    counter("logstack_logfile_bytes_total", "Uncompressed bytes read from log objects."),
	}
}
