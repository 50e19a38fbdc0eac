package ruleeval

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/logstack/logstack/internal/rule"
)

// BenchmarkEvaluate is issue 5's bar: 1,000 rules of mixed types over a
// store of 10 million events (one day), one full Evaluate cycle (every rule
// once) under 10 s. The first cycle reads each rule's warm-up history and
// is reported apart (warmup-s); ns/op is a steady-state cycle, one minute
// of new events later each time. It runs only with -bench:
//
//	go test -run '^$' -bench BenchmarkEvaluate -benchtime 10x ./internal/alerter/ruleeval/
func BenchmarkEvaluate(b *testing.B) {
	s := benchStore(b)
	reg := prometheus.NewRegistry()
	e, err := New(s, benchRules(b, 1000), Options{RunEvery: time.Minute, MatchInMemory: true}, nil, reg)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	now := fixtureDay.Add(23 * time.Hour) // the last hour is the "future" of the steady cycles
	start := time.Now()
	firing, err := e.Evaluate(ctx, now)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(start).Seconds(), "warmup-s")
	b.Logf("warm-up cycle: %s, %d keys firing, %s", time.Since(start).Round(time.Millisecond), len(firing), totals(b, reg))
	for b.Loop() {
		now = now.Add(time.Minute)
		if firing, err = e.Evaluate(ctx, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(firing)), "firing")
	b.Logf("after %d steady cycles: %s", b.N, totals(b, reg))
}

// totals sums the evaluator's counters over all rules, to show how much
// work a cycle did.
func totals(b *testing.B, reg *prometheus.Registry) string {
	mfs, err := reg.Gather()
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, mf := range mfs {
		if mf.GetType() != dto.MetricType_COUNTER {
			continue
		}
		var sum float64
		for _, m := range mf.GetMetric() {
			sum += m.GetCounter().GetValue()
		}
		out = append(out, fmt.Sprintf("%s=%.0f", strings.TrimPrefix(mf.GetName(), "logstack_rule_"), sum))
	}
	return strings.Join(out, " ")
}

// benchRules makes n rules over the fixture's fields, in the mix a
// production rule set has: per-host error frequencies, "any" on rare
// errors, flatlines, spikes, cardinality, and phrase matches.
func benchRules(b *testing.B, n int) []*rule.Rule {
	b.Helper()
	out := make([]*rule.Rule, 0, n)
	for i := range n {
		r, err := rule.Load(fmt.Sprintf("bench-%d.yaml", i), []byte(benchRuleYAML(i)))
		if err != nil {
			b.Fatalf("rule %d: %v", i, err)
		}
		out = append(out, r)
	}
	return out
}

// benchRuleYAML is rule i of the mix; its service and thresholds vary with
// i so that no two rules are the same.
func benchRuleYAML(i int) string {
	svc := fxServiceSet[i%len(fxServiceSet)]
	host := fmt.Sprintf("%s-%d", svc, i%6)
	head := fmt.Sprintf("name: rule-%04d\nindex: logs-*\nalert: [ops]\n", i)
	switch i % 10 {
	case 0, 1, 2:
		return head + fmt.Sprintf(`type: frequency
num_events: %d
timeframe: {minutes: 5}
query_key: host.name
filter:
- term: {service.name: %s}
- term: {log.level: error}
`, 20+i%30, svc)
	case 3, 4:
		return head + fmt.Sprintf(`type: any
filter:
- term: {service.name: %s}
- term: {host.name: %s}
- term: {http.response.status_code: %d}
- term: {log.level: error}
`, svc, host, []int{500, 502, 503}[i%3])
	case 5:
		return head + fmt.Sprintf(`type: flatline
threshold: %d
timeframe: {minutes: 5}
filter:
- term: {host.name: %s}
`, 10+i%50, host)
	case 6, 7:
		return head + fmt.Sprintf(`type: spike
spike_height: 3
spike_type: up
timeframe: {minutes: 10}
query_key: host.name
filter:
- term: {service.name: %s}
- terms: {http.response.status_code: [500, 502, 503]}
`, svc)
	case 8:
		return head + fmt.Sprintf(`type: cardinality
cardinality_field: host.name
max_cardinality: %d
timeframe: {minutes: 10}
filter:
- term: {service.name: %s}
- term: {log.level: warn}
`, 3+i%4, svc)
	default:
		return head + fmt.Sprintf(`type: frequency
num_events: %d
timeframe: {minutes: 10}
query_key: service.name
filter:
- match_phrase: {message: "connection refused to %s"}
`, 10+i%20, fxPeers[i%len(fxPeers)])
	}
}
