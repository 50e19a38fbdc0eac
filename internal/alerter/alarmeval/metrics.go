package alarmeval

import (
	"errors"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/prometheus/client_golang/prometheus"
)

// states lists every alarm state, for the one-hot state gauge.
var states = []alarm.State{alarm.StateOK, alarm.StateAlarm, alarm.StateInsufficientData}

// metrics are the per-alarm series, so a dashboard shows each alarm's
// state and whether its evaluations keep up.
type metrics struct {
	state       *prometheus.GaugeVec
	evaluations *prometheus.CounterVec
	errors      *prometheus.CounterVec
	skipped     *prometheus.CounterVec
	lastSuccess *prometheus.GaugeVec
	lastValue   *prometheus.GaugeVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		state: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "logstack_alarm_state",
			Help: "1 for the state each metric alarm is in, 0 for the other states.",
		}, []string{"alarm", "state"}),
		evaluations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alarm_evaluations_total",
			Help: "Metric alarm evaluations (one per period end), successful or not.",
		}, []string{"alarm"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alarm_errors_total",
			Help: "Metric alarm evaluations or state writes that failed; a failed evaluation is retried at the next call.",
		}, []string{"alarm"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_alarm_skipped_evaluations_total",
			Help: "Period ends not evaluated after a pause longer than the evaluation range (older ends are skipped).",
		}, []string{"alarm"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "logstack_alarm_last_evaluation_timestamp_seconds",
			Help: "Unix time of each metric alarm's last successful evaluation.",
		}, []string{"alarm"}),
		lastValue: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "logstack_alarm_last_datapoint_value",
			Help: "Datapoint of the period each metric alarm last evaluated; NaN when that period had none.",
		}, []string{"alarm"}),
	}
	if reg != nil {
		// A config reload builds a new Evaluator on the same registry: it
		// takes over the registered series, and the gauges of alarms that
		// may be gone are cleared (counters keep counting).
		m.evaluations = reuse(reg, m.evaluations)
		m.errors = reuse(reg, m.errors)
		m.skipped = reuse(reg, m.skipped)
		m.state = reuse(reg, m.state)
		m.lastSuccess = reuse(reg, m.lastSuccess)
		m.lastValue = reuse(reg, m.lastValue)
	}
	m.state.Reset()
	m.lastSuccess.Reset()
	m.lastValue.Reset()
	return m
}

// reuse registers c, or returns the equal collector already registered.
func reuse[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	err := reg.Register(c)
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing
		}
	}
	if err != nil {
		panic(err) // a different collector under our names is a programming error
	}
	return c
}

// init creates an alarm's series so they are exported before the first
// evaluation.
func (m *metrics) init(name string, st alarm.State) {
	m.evaluations.WithLabelValues(name)
	m.errors.WithLabelValues(name)
	m.skipped.WithLabelValues(name)
	m.setState(name, st)
}

func (m *metrics) setState(name string, st alarm.State) {
	for _, s := range states {
		v := 0.0
		if s == st {
			v = 1
		}
		m.state.WithLabelValues(name, string(s)).Set(v)
	}
}
