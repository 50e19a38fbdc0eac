package alarmeval

import (
	"context"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

var t0 = time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)

// at is t0 plus minutes and seconds.
func at(min, sec int) time.Time {
	return t0.Add(time.Duration(min)*time.Minute + time.Duration(sec)*time.Second)
}

// embeddedJetStream runs an in-process nats-server with JetStream on a
// loopback port for the test's lifetime and returns its URL.
func embeddedJetStream(t *testing.T) string {
	t.Helper()
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: t.TempDir(), NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	return srv.ClientURL()
}

// jetStreamClient opens one process's connection to url.
func jetStreamClient(t *testing.T, url string) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newAlarm is a valid 1m query alarm counting "level:error" events;
// change fields as a case needs.
func newAlarm(name string) *alarm.Alarm {
	sum, _ := alarm.ParseStatistic("sum")
	return &alarm.Alarm{Name: name, Metric: alarm.Metric{Query: "level:error", Statistic: sum},
		Period: time.Minute, EvaluationPeriods: 2, DatapointsToAlarm: 2,
		Comparison: alarm.GreaterThanThreshold, Threshold: 5, TreatMissingData: alarm.TreatMissingMissing,
		AlarmActions: []string{"chat"}, Enabled: true}
}

func stat(t *testing.T, s string) alarm.Statistic {
	t.Helper()
	st, err := alarm.ParseStatistic(s)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// newEvaluator builds an Evaluator on its own connection to url with a
// fresh registry, filling Store and JetStream when unset.
func newEvaluator(t *testing.T, url string, cfg Config) (*Evaluator, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	cfg.Registerer = reg
	cfg.JetStream = jetStreamClient(t, url)
	e, err := New(ctxFor(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e, reg
}

// stateOf returns the named alarm's status.
func stateOf(t *testing.T, e *Evaluator, name string) Status {
	t.Helper()
	for _, s := range e.Status() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no alarm %q", name)
	return Status{}
}

// metricValue reads the value of the series of family name whose label
// lname is lvalue from reg; it fails the test when there is none.
func metricValue(t *testing.T, reg prometheus.Gatherer, name, lname, lvalue string) float64 {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if labelMap(m)[lname] != lvalue {
				continue
			}
			if m.Counter != nil {
				return m.GetCounter().GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	t.Fatalf("no series %s{%s=%q}", name, lname, lvalue)
	return 0
}
