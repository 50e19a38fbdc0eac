package alarmeval

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/prometheus/client_golang/prometheus"
)

// internalAlarm is a one-period internal alarm on selector.
func internalAlarm(t *testing.T, name, selector, statistic string, cmp alarm.Comparison, threshold float64) *alarm.Alarm {
	a := newAlarm(name)
	a.Metric = alarm.Metric{Internal: selector, Statistic: stat(t, statistic)}
	a.EvaluationPeriods, a.DatapointsToAlarm, a.Comparison, a.Threshold = 1, 1, cmp, threshold
	return a
}

// sampleRun calls Evaluate every 20 seconds from 10:00:00 to the end,
// running act(i) before the i-th call, and returns the states of the
// alarms after each whole minute's call, "HH:MM=STATE/STATE".
func sampleRun(t *testing.T, e *Evaluator, minutes int, act func(i int), names ...string) []string {
	t.Helper()
	var out []string
	for i := 0; i <= minutes*3; i++ {
		act(i)
		now := t0.Add(time.Duration(i) * 20 * time.Second)
		if _, err := e.Evaluate(ctxFor(t), now, true); err != nil {
			t.Fatalf("%s: %v", now.Format("15:04:05"), err)
		}
		if i%3 == 0 && i > 0 {
			var states []string
			for _, n := range names {
				states = append(states, string(stateOf(t, e, n).State))
			}
			out = append(out, now.Format("15:04")+"="+strings.Join(states, "/"))
		}
	}
	return out
}

// TestInternalCounter: the selected counter's increase per period is the
// datapoint; another label set and the baseline at start do not count, and
// a series created later counts from zero.
func TestInternalCounter(t *testing.T) {
	reg := prometheus.NewRegistry()
	errs := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "logstack_input_errors_total", Help: "h"}, []string{"input"})
	reg.MustRegister(errs)
	errs.WithLabelValues("tcp").Add(100) // before the first sample: not an increase
	a := internalAlarm(t, "tcp-errors", `logstack_input_errors_total{input="tcp"}`, "sum", alarm.GreaterThanThreshold, 5)
	all := internalAlarm(t, "all-errors", `logstack_input_errors_total`, "sum", alarm.GreaterThanThreshold, 5)
	e, _ := newEvaluator(t, embeddedJetStream(t), Config{Alarms: []*alarm.Alarm{a, all}, Gatherer: reg})
	got := sampleRun(t, e, 4, func(i int) {
		switch i {
		case 1, 2: // 10:00:20 and 10:00:40: 3 + 4 = 7 in the 10:00 period
			errs.WithLabelValues("tcp").Add(float64(i + 2))
		case 4: // 10:01:20: a new series, 6 errors in the 10:01 period
			errs.WithLabelValues("udp").Add(6)
		}
	}, "tcp-errors", "all-errors")
	want := []string{"10:01=INSUFFICIENT_DATA/INSUFFICIENT_DATA", "10:02=ALARM/ALARM", "10:03=OK/ALARM", "10:04=OK/OK"}
	if !slices.Equal(got, want) {
		t.Errorf("tcp-errors/all-errors\n got %q\nwant %q", got, want)
	}
}

// TestInternalGauge: the statistic applies over the period's samples,
// each the sum of the selected series.
func TestInternalGauge(t *testing.T) {
	reg := prometheus.NewRegistry()
	depth := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "logstack_queue_depth", Help: "h"}, []string{"queue"})
	reg.MustRegister(depth)
	peak := internalAlarm(t, "peak", `logstack_queue_depth{queue="a"}`, "maximum", alarm.GreaterThanThreshold, 50)
	total := internalAlarm(t, "total", `logstack_queue_depth`, "minimum", alarm.GreaterThanOrEqualToThreshold, 40)
	e, _ := newEvaluator(t, embeddedJetStream(t), Config{Alarms: []*alarm.Alarm{peak, total}, Gatherer: reg})
	values := map[int][2]float64{0: {10, 30}, 1: {60, 0}, 2: {20, 20}, 3: {5, 5}, 4: {5, 5}, 5: {5, 5}}
	got := sampleRun(t, e, 3, func(i int) {
		if v, ok := values[i]; ok {
			depth.WithLabelValues("a").Set(v[0])
			depth.WithLabelValues("b").Set(v[1])
		}
	}, "peak", "total")
	// peak: the 10:00 period samples a = 10, 60, 20 (maximum 60), 10:01
	// 5, 5, 5. total: a+b = 40, 60, 40 (minimum 40), then 10, 10, 10.
	want := []string{"10:01=INSUFFICIENT_DATA/INSUFFICIENT_DATA", "10:02=ALARM/ALARM", "10:03=OK/OK"}
	if !slices.Equal(got, want) {
		t.Errorf("peak/total\n got %q\nwant %q", got, want)
	}
}

// TestInternalHistogramRefused: a histogram has no single value.
func TestInternalHistogramRefused(t *testing.T) {
	reg := prometheus.NewRegistry()
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "logstack_batch_seconds", Help: "h"})
	reg.MustRegister(h)
	h.Observe(1)
	a := internalAlarm(t, "hist", "logstack_batch_seconds", "sum", alarm.GreaterThanThreshold, 1)
	e, metrics := newEvaluator(t, embeddedJetStream(t), Config{Alarms: []*alarm.Alarm{a}, Gatherer: reg})
	_, err := e.Evaluate(ctxFor(t), at(2, 0), true)
	if err == nil || !strings.Contains(err.Error(), "logstack_batch_seconds is a histogram") {
		t.Fatalf("err %v", err)
	}
	if v := metricValue(t, metrics, "logstack_alarm_errors_total", "alarm", "hist"); v != 1 {
		t.Errorf("errors %v", v)
	}
}

// TestInternalSamplesArePruned keeps only the samples a due or catch-up
// evaluation can still read: two evaluation ranges before the due end.
func TestInternalSamplesArePruned(t *testing.T) {
	reg := prometheus.NewRegistry()
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "logstack_queue_depth", Help: "h"})
	reg.MustRegister(g)
	a := internalAlarm(t, "depth", "logstack_queue_depth", "maximum", alarm.GreaterThanThreshold, 1) // range 3
	e, _ := newEvaluator(t, embeddedJetStream(t), Config{Alarms: []*alarm.Alarm{a}, Gatherer: reg})
	sampleRun(t, e, 20, func(int) {}, "depth")
	s := e.alarms[0].internal.samples
	// At 10:20 the due end is 10:19; the oldest catch-up end 10:16 reads from 10:13.
	if len(s) != 22 || !s[0].at.Equal(at(13, 0)) {
		t.Errorf("%d samples kept, want 22 from 10:13:00 (%v)", len(s), s)
	}
}
