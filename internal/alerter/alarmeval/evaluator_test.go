package alarmeval

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/alert"
	"github.com/prometheus/client_golang/prometheus"
)

// check is the expected outcome of one Evaluate call at a time.
type check struct {
	at    time.Time
	state alarm.State
	keys  []string // firing alert keys
}

func firingKeys(ms []alert.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Key.String())
	}
	return out
}

// TestQueryAlarms runs query alarms over the in-memory store, one
// Evaluate call per check (missed period ends are caught up in between).
func TestQueryAlarms(t *testing.T) {
	url := embeddedJetStream(t)
	latency := func(m *memStore) {
		for i := 1; i <= 100; i++ {
			m.add("level:error", at(0, i%60), map[string]float64{"latency": float64(i) / 100})
		}
	}
	bytes := func(m *memStore) {
		for _, v := range []float64{10, 20, 60} {
			m.add("level:error", at(0, 10), map[string]float64{"bytes": v})
		}
	}
	cases := []struct {
		name   string
		alarm  func(a *alarm.Alarm)
		events func(m *memStore)
		checks []check
	}{
		{name: "insufficient-alarm-ok",
			events: func(m *memStore) {
				for min, n := range []int{10, 10, 1, 1} {
					m.addCount("level:error", at(min, 30), n)
				}
			},
			checks: []check{
				{at: at(1, 0), state: alarm.StateInsufficientData},
				{at: at(2, 0), state: alarm.StateInsufficientData}, // one breaching datapoint is too recent to decide
				{at: at(3, 0), state: alarm.StateAlarm, keys: []string{"insufficient-alarm-ok"}},
				{at: at(3, 40), state: alarm.StateAlarm, keys: []string{"insufficient-alarm-ok"}}, // no period end due
				{at: at(4, 0), state: alarm.StateOK},
			}},
		{name: "missing-periods-not-breaching",
			alarm: func(a *alarm.Alarm) { a.Threshold, a.TreatMissingData = 0, alarm.TreatMissingNotBreaching },
			events: func(m *memStore) {
				for _, min := range []int{0, 4, 9, 10} {
					m.addCount("level:error", at(min, 5), 1)
				}
			},
			checks: []check{
				{at: at(1, 0), state: alarm.StateOK}, // no data is good, not INSUFFICIENT_DATA
				{at: at(3, 0), state: alarm.StateOK},
				{at: at(6, 0), state: alarm.StateOK},
				{at: at(11, 0), state: alarm.StateOK},
				{at: at(12, 0), state: alarm.StateAlarm, keys: []string{"missing-periods-not-breaching"}},
			}},
		{name: "p99-breaches",
			alarm: func(a *alarm.Alarm) {
				a.Metric.Field, a.Metric.Statistic = "latency", stat(t, "p99")
				a.EvaluationPeriods, a.DatapointsToAlarm = 1, 1
				a.Comparison, a.Threshold = alarm.GreaterThanOrEqualToThreshold, 0.99
			},
			events: latency,
			checks: []check{{at: at(2, 0), state: alarm.StateAlarm, keys: []string{"p99-breaches"}}}},
		{name: "p99-is-not-the-maximum",
			alarm: func(a *alarm.Alarm) {
				a.Metric.Field, a.Metric.Statistic = "latency", stat(t, "p99")
				a.EvaluationPeriods, a.DatapointsToAlarm = 1, 1
				a.Comparison, a.Threshold = alarm.GreaterThanOrEqualToThreshold, 0.995
			},
			events: latency,
			checks: []check{{at: at(2, 0), state: alarm.StateOK}}},
		{name: "average-breaches",
			alarm: func(a *alarm.Alarm) {
				a.Metric.Field, a.Metric.Statistic = "bytes", stat(t, "average")
				a.EvaluationPeriods, a.DatapointsToAlarm, a.Threshold = 1, 1, 29
			},
			events: bytes,
			checks: []check{{at: at(2, 0), state: alarm.StateAlarm, keys: []string{"average-breaches"}}}},
		{name: "average-is-not-the-sum",
			alarm: func(a *alarm.Alarm) {
				a.Metric.Field, a.Metric.Statistic = "bytes", stat(t, "average")
				a.EvaluationPeriods, a.DatapointsToAlarm, a.Threshold = 1, 1, 31
			},
			events: bytes,
			checks: []check{{at: at(2, 0), state: alarm.StateOK}}},
		{name: "disabled-tracks-state-without-matches",
			alarm: func(a *alarm.Alarm) {
				a.Enabled, a.EvaluationPeriods, a.DatapointsToAlarm = false, 1, 1
			},
			events: func(m *memStore) { m.addCount("level:error", at(0, 5), 9) },
			checks: []check{{at: at(2, 0), state: alarm.StateAlarm}}},
		{name: "insufficient-data-actions",
			alarm: func(a *alarm.Alarm) { a.InsufficientDataActions = []string{"oncall"} },
			events: func(m *memStore) {
				m.addCount("level:error", at(0, 5), 1)
				m.addCount("level:error", at(1, 5), 1)
			},
			checks: []check{
				{at: at(1, 0), state: alarm.StateInsufficientData, keys: []string{"insufficient-data-actions/INSUFFICIENT_DATA"}},
				{at: at(2, 30), state: alarm.StateOK},
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := newAlarm(c.name)
			if c.alarm != nil {
				c.alarm(a)
			}
			ms := newMemStore()
			c.events(ms)
			e, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{a}, Store: ms})
			for _, ck := range c.checks {
				got, err := e.Evaluate(ctxFor(t), ck.at, true)
				if err != nil {
					t.Fatalf("%s: %v", ck.at.Format("15:04:05"), err)
				}
				st := stateOf(t, e, c.name)
				if st.State != ck.state || !slices.Equal(firingKeys(got), ck.keys) {
					t.Errorf("%s: state %s firing %q, want %s %q (%s)", ck.at.Format("15:04:05"),
						st.State, firingKeys(got), ck.state, ck.keys, st.Reason)
				}
			}
		})
	}
}

// TestMatchCarriesAlarm checks what an ALARM match tells the alert engine.
func TestMatchCarriesAlarm(t *testing.T) {
	a := newAlarm("errors")
	a.AlarmActions, a.OKActions = []string{"chat", "sms"}, []string{"email", "pager"}
	a.EvaluationPeriods, a.DatapointsToAlarm = 1, 1
	ms := newMemStore()
	ms.addCount("level:error", at(0, 1), 6)
	var resolved [][]string
	e, reg := newEvaluator(t, embeddedJetStream(t), Config{Alarms: []*alarm.Alarm{a}, Store: ms,
		ResolvePolicy: func(names []string) (string, error) {
			resolved = append(resolved, names)
			return "notify:chat+sms", nil
		},
		Notifiers: func(names []string) ([]string, error) {
			return []string{"email", "pager-sms"}, nil // pager is a policy whose one notifier is pager-sms
		}})
	got, err := e.Evaluate(ctxFor(t), at(2, 0), true)
	if err != nil || len(got) != 1 {
		t.Fatalf("matches %+v, %v", got, err)
	}
	m := got[0]
	if m.Key != (alert.Key{Rule: "errors"}) || m.Policy != "notify:chat+sms" || m.Subject != "ALARM: errors" ||
		m.Labels["alarm"] != "errors" || m.Labels["state"] != "ALARM" ||
		!slices.Equal(m.ResolveNotifiers, []string{"email", "pager-sms"}) {
		t.Errorf("match %+v", m)
	}
	if want := "Threshold Crossed: 1 out of the last 1 datapoints [6.0 (04/12/26 10:00:00)] was greater than the threshold (5.0) (minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition)."; m.Text != want {
		t.Errorf("text %q\nwant %q", m.Text, want)
	}
	if len(resolved) != 1 || !slices.Equal(resolved[0], a.AlarmActions) {
		t.Errorf("policy resolver saw %q", resolved)
	}
	gauges := map[string]float64{
		"logstack_alarm_last_datapoint_value":              6,
		"logstack_alarm_last_evaluation_timestamp_seconds": float64(at(2, 0).Unix()),
	}
	for name, want := range gauges {
		if v := metricValue(t, reg, name, "alarm", "errors"); v != want {
			t.Errorf("%s = %v, want %v", name, v, want)
		}
	}
	for st, want := range map[string]float64{"ALARM": 1, "OK": 0, "INSUFFICIENT_DATA": 0} {
		if v := metricValue(t, reg, "logstack_alarm_state", "state", st); v != want {
			t.Errorf("logstack_alarm_state{state=%q} = %v, want %v", st, v, want)
		}
	}
}

// TestNewReportsEveryProblem refuses bad alarms and action lists at start.
func TestNewReportsEveryProblem(t *testing.T) {
	bad := newAlarm("bad-query")
	bad.Metric.Query = "level:("
	badSel := newAlarm("bad-selector")
	badSel.Metric.Query, badSel.Metric.Internal = "", "x{a=b}"
	dup := newAlarm("bad-query")
	actions := newAlarm("bad-actions")
	actions.AlarmActions = []string{"a", "b"}
	_, err := New(ctxFor(t), Config{Alarms: []*alarm.Alarm{bad, badSel, dup, actions}, Store: newMemStore(),
		Gatherer: nil, JetStream: jetStreamClient(t, embeddedJetStream(t))})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{`"bad-query": metric.query`, `"bad-selector": metric.internal needs a metrics gatherer`,
		`"bad-query" defined twice`, `"bad-actions": alarm_actions`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestStoreErrorKeepsStateAndRetries: a failed query keeps the firing set
// and evaluates the same period end again at the next call.
func TestStoreErrorKeepsStateAndRetries(t *testing.T) {
	a := newAlarm("flaky")
	a.EvaluationPeriods, a.DatapointsToAlarm = 1, 1
	ms := newMemStore()
	ms.addCount("level:error", at(0, 1), 6)
	e, _ := newEvaluator(t, embeddedJetStream(t), Config{Alarms: []*alarm.Alarm{a}, Store: ms})
	if got, err := e.Evaluate(ctxFor(t), at(2, 0), true); err != nil || len(got) != 1 {
		t.Fatalf("%+v %v", got, err)
	}
	ms.fail = errors.New("store down")
	got, err := e.Evaluate(ctxFor(t), at(3, 0), true)
	if !errors.Is(err, ms.fail) || !slices.Equal(firingKeys(got), []string{"flaky"}) {
		t.Fatalf("during outage: %q, %v", firingKeys(got), err)
	}
	ms.fail = nil
	n := len(ms.requests)
	if _, err := e.Evaluate(ctxFor(t), at(3, 10), true); err != nil {
		t.Fatal(err)
	}
	if r := ms.requests[n:]; len(r) != 1 || !r[0].To.Equal(at(2, 0)) {
		t.Fatalf("retry requests %+v", r)
	}
	if s := stateOf(t, e, "flaky"); s.State != alarm.StateAlarm || !s.LastEnd.Equal(at(2, 0)) {
		t.Fatalf("after retry: %+v", s)
	}
}

// TestOneMetricCallPerEvaluation checks the requests: one per period end,
// covering the evaluation range, and a bounded, in-order catch-up after a
// pause.
func TestOneMetricCallPerEvaluation(t *testing.T) {
	a := newAlarm("calls") // evaluation range 4
	a.Metric.Statistic = stat(t, "p90")
	a.Metric.Field = "latency"
	ms := newMemStore()
	e, reg := newEvaluator(t, embeddedJetStream(t), Config{Alarms: []*alarm.Alarm{a}, Store: ms})
	for _, now := range []time.Time{at(5, 0), at(5, 30), at(6, 10), at(20, 0)} {
		if _, err := e.Evaluate(ctxFor(t), now, true); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, r := range ms.requests {
		if r.To.Sub(r.From) != 4*time.Minute || r.Interval != time.Minute || r.Field != "latency" ||
			!slices.Equal(r.Percentiles, []float64{90}) {
			t.Errorf("request %+v", r)
		}
		got = append(got, r.To.Format("15:04"))
	}
	if want := []string{"10:04", "10:05", "10:16", "10:17", "10:18", "10:19"}; !slices.Equal(got, want) {
		t.Errorf("evaluated ends %q want %q", got, want)
	}
	if v := metricValue(t, reg, "logstack_alarm_skipped_evaluations_total", "alarm", "calls"); v != 10 {
		t.Errorf("skipped %v, want 10 (10:06 to 10:15)", v)
	}
	if v := metricValue(t, reg, "logstack_alarm_evaluations_total", "alarm", "calls"); v != 6 {
		t.Errorf("evaluations %v", v)
	}
}

// TestLateEventsCountedThanksToDelay files an event of the 10:00 period
// at 10:01:30: with the default one-minute delay the 10:00 period is
// evaluated at 10:02 and sees it; evaluated 1s after it ends, it does not.
func TestLateEventsCountedThanksToDelay(t *testing.T) {
	url := embeddedJetStream(t)
	for _, c := range []struct {
		delay time.Duration
		times []time.Time
		want  alarm.State
	}{
		{delay: 0, times: []time.Time{at(1, 10), at(2, 0)}, want: alarm.StateAlarm},
		{delay: time.Second, times: []time.Time{at(1, 10), at(2, 0)}, want: alarm.StateInsufficientData},
	} {
		t.Run(fmt.Sprint(c.delay), func(t *testing.T) {
			a := newAlarm(fmt.Sprintf("late-%d", c.delay))
			a.EvaluationPeriods, a.DatapointsToAlarm = 1, 1
			ms := newMemStore()
			e, _ := newEvaluator(t, url, Config{Alarms: []*alarm.Alarm{a}, Store: ms, Delay: c.delay})
			if _, err := e.Evaluate(ctxFor(t), c.times[0], true); err != nil {
				t.Fatal(err)
			}
			ms.addCount("level:error", at(0, 59), 6) // arrives at 10:01:30
			if _, err := e.Evaluate(ctxFor(t), c.times[1], true); err != nil {
				t.Fatal(err)
			}
			s := stateOf(t, e, a.Name)
			if s.State != c.want || !s.LastEnd.Equal(at(1, 0)) {
				t.Errorf("after the 10:00 period: %s (last end %s), want %s", s.State, s.LastEnd.Format("15:04"), c.want)
			}
		})
	}
}

// TestReloadOnSameRegistry builds a second Evaluator on the registry of
// the first, as a config reload does: no panic, the removed alarm's state
// series is gone, the counters keep counting.
func TestReloadOnSameRegistry(t *testing.T) {
	url := embeddedJetStream(t)
	ms := newMemStore()
	reg := prometheus.NewRegistry()
	build := func(alarms ...*alarm.Alarm) *Evaluator {
		e, err := New(ctxFor(t), Config{Alarms: alarms, Store: ms, JetStream: jetStreamClient(t, url), Registerer: reg})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Evaluate(ctxFor(t), at(2, 0), true); err != nil {
			t.Fatal(err)
		}
		return e
	}
	build(newAlarm("kept"), newAlarm("removed"))
	build(newAlarm("kept"))
	if v := metricValue(t, reg, "logstack_alarm_evaluations_total", "alarm", "kept"); v != 1 {
		t.Errorf("kept's evaluations %v, want 1 (the second evaluator saw the end as done)", v)
	}
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			if f.GetName() == "logstack_alarm_state" && labelMap(m)["alarm"] == "removed" {
				t.Errorf("state series of the removed alarm kept: %v", m)
			}
		}
	}
}
