package alerter

import "github.com/prometheus/client_golang/prometheus"

// metrics are the alerter's own series, the inputs of "Watching the
// watcher" in docs/ALERTING.md.
type metrics struct {
	cycles     *prometheus.CounterVec
	cycleTime  prometheus.Histogram
	lastCycle  prometheus.Gauge
	firing     prometheus.Gauge
	evalErrors *prometheus.CounterVec
	ticks      *prometheus.CounterVec
	deadman    *prometheus.CounterVec
}

// Label values, pre-created so that every series exists from the start
// and rate() over them works before the first event.
const (
	outcomeSuccess = "success"
	outcomeError   = "error"
	tickActive     = "active"
	tickStandby    = "standby"
	tickError      = "error"
	tickStalled    = "stalled"
	deadmanSent    = "sent"
	deadmanFailed  = "failed"
)

func newMetrics(reg prometheus.Registerer, evaluators []string) *metrics {
	m := &metrics{
		cycles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alerter_cycles_total",
			Help: "Evaluation cycles by outcome: success when every evaluator succeeded, error otherwise.",
		}, []string{"outcome"}),
		cycleTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "logstack_alerter_cycle_seconds",
			Help:    "Duration of one evaluation cycle (all evaluators).",
			Buckets: prometheus.ExponentialBuckets(0.01, 4, 8),
		}),
		lastCycle: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "logstack_alerter_last_cycle_timestamp_seconds",
			Help: "Unix time at which the last successful evaluation cycle ended.",
		}),
		firing: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "logstack_alerter_firing",
			Help: "Alert keys currently reported firing by the evaluators.",
		}),
		evalErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alerter_evaluator_errors_total",
			Help: "Failed evaluations by evaluator; the evaluator's previous firing set is kept.",
		}, []string{"evaluator"}),
		ticks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alerter_ticks_total",
			Help: "Runner ticks by outcome: active (holds the lease), standby, error, stalled (no successful evaluation cycle yet or within stall_after: not ticking).",
		}, []string{"outcome"}),
		deadman: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alerter_deadman_total",
			Help: "Dead-man's switch heartbeats by outcome (sent, failed).",
		}, []string{"outcome"}),
	}
	for _, o := range []string{outcomeSuccess, outcomeError} {
		m.cycles.WithLabelValues(o)
	}
	for _, o := range []string{tickActive, tickStandby, tickError, tickStalled} {
		m.ticks.WithLabelValues(o)
	}
	for _, o := range []string{deadmanSent, deadmanFailed} {
		m.deadman.WithLabelValues(o)
	}
	for _, e := range evaluators {
		m.evalErrors.WithLabelValues(e)
	}
	if reg != nil {
		reg.MustRegister(m.cycles, m.cycleTime, m.lastCycle, m.firing, m.evalErrors, m.ticks, m.deadman)
	}
	return m
}
