package ruleeval

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/store/duckdb"
)

// t0 is the tests' first run time.
var t0 = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

// openStore opens a DuckDB store in a fresh directory.
func openStore(t *testing.T) *duckdb.Store {
	t.Helper()
	s, err := duckdb.Open(context.Background(), duckdb.Options{Path: filepath.Join(t.TempDir(), "store", "logstack.duckdb"), Threads: 2},
		slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// ev is a test event: its time, id and flat fields (service, host,
// level).
type ev struct {
	at    time.Time
	id    string
	svc   string
	host  string
	level string
}

// put writes events to the store as normalized JSON lines.
func put(t *testing.T, s *duckdb.Store, evs ...ev) {
	t.Helper()
	lines := make([][]byte, len(evs))
	for i, e := range evs {
		lines[i] = fmt.Appendf(nil, `{"@timestamp":%q,"event":{"id":%q},"service":{"name":%q},"host":{"name":%q},"log":{"level":%q},"message":"m"}`,
			e.at.UTC().Format(time.RFC3339Nano), e.id, e.svc, e.host, e.level)
	}
	res, err := s.WriteLines(context.Background(), lines)
	if err != nil || res.Written != len(evs) {
		t.Fatalf("write: %+v, %v", res, err)
	}
}

// errorsAt makes n error events of host at ts, with ids prefix-0...
func errorsAt(ts time.Time, host, prefix string, n int) []ev {
	out := make([]ev, n)
	for i := range out {
		out[i] = ev{at: ts, id: fmt.Sprintf("%s-%d", prefix, i), svc: "api", host: host, level: "error"}
	}
	return out
}

// loadRule loads one rule from YAML, with "alert: [ops]" when it names no
// alerter (the loader requires one).
func loadRule(t *testing.T, yaml string) *rule.Rule {
	t.Helper()
	if !strings.Contains("\n"+yaml, "\nalert:") {
		yaml += "alert: [ops]\n"
	}
	r, err := rule.Load("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatalf("load rule: %v", err)
	}
	return r
}

// newEval builds an evaluator with a fresh registry, returned for metric
// checks.
func newEval(t *testing.T, s Store, opts Options, rules ...*rule.Rule) (*Evaluator, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	e, err := New(s, rules, opts, slog.New(slog.DiscardHandler), reg)
	if err != nil {
		t.Fatalf("new evaluator: %v", err)
	}
	t.Cleanup(e.Close)
	return e, reg
}

// keys runs one cycle at now and returns the firing keys as strings.
func keys(t *testing.T, e *Evaluator, now time.Time) []string {
	t.Helper()
	firing, err := e.Evaluate(context.Background(), now)
	if err != nil {
		t.Fatalf("evaluate at %s: %v", now.Format(time.TimeOnly), err)
	}
	return keyStrings(firing)
}

func keyStrings(firing []alert.Match) []string {
	out := []string{}
	for _, m := range firing {
		out = append(out, m.Key.String())
	}
	return out
}

// metric reads one rule's counter or gauge.
func metric(t *testing.T, e *Evaluator, vec string, ruleName string) float64 {
	t.Helper()
	m := map[string]prometheus.Collector{
		"queries": e.metrics.queries, "hits": e.metrics.hits, "matches": e.metrics.matches,
		"errors": e.metrics.errors, "truncated": e.metrics.truncated, "last_ok": e.metrics.lastOK,
	}[vec]
	switch v := m.(type) {
	case *prometheus.CounterVec:
		return testutil.ToFloat64(v.WithLabelValues(ruleName))
	case *prometheus.GaugeVec:
		return testutil.ToFloat64(v.WithLabelValues(ruleName))
	}
	t.Fatalf("no metric %q", vec)
	return 0
}

// minutes is t0 plus n minutes.
func minutes(n int) time.Time { return t0.Add(time.Duration(n) * time.Minute) }

// loadRules loads several rules.
func loadRules(t *testing.T, yamls []string) []*rule.Rule {
	t.Helper()
	out := make([]*rule.Rule, len(yamls))
	for i, y := range yamls {
		out[i] = loadRule(t, y)
	}
	return out
}
