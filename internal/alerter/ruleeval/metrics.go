package ruleeval

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/metricset"
)

// metrics are the evaluator's per-rule series (label rule), so a rule that
// queries too much, fails or stalls can be found by name.
type metrics struct {
	set       *metricset.Set
	queries   *prometheus.CounterVec
	hits      *prometheus.CounterVec
	badHits   *prometheus.CounterVec
	matches   *prometheus.CounterVec
	errors    *prometheus.CounterVec
	truncated *prometheus.CounterVec
	lastOK    *prometheus.GaugeVec
	duration  *prometheus.HistogramVec
}

func counterVec(name, help string) *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, []string{"rule"})
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		queries:   counterVec("logstack_rule_queries_total", "Store queries run by the rule (searches, pages and overlap counts)."),
		hits:      counterVec("logstack_rule_hits_total", "Documents the rule's queries returned, repeats across the overlap included."),
		badHits:   counterVec("logstack_rule_bad_hits_total", "Documents skipped because they are not JSON objects with a usable @timestamp."),
		matches:   counterVec("logstack_rule_matches_total", "Raw matches of the rule type, before realert and aggregation."),
		errors:    counterVec("logstack_rule_errors_total", "Rule runs that failed; the rule's alerts stay as they were."),
		truncated: counterVec("logstack_rule_truncated_runs_total", "Rule runs that stopped reading at the per-run event cap."),
		lastOK: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "logstack_rule_last_success_timestamp_seconds",
			Help: "Unix time of the rule's last successful run.",
		}, []string{"rule"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "logstack_rule_evaluation_duration_seconds",
			Help:    "Time of one rule run: queries, decoding and rule type.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 15),
		}, []string{"rule"}),
	}
	set, err := metricset.Register(reg, m.queries, m.hits, m.badHits, m.matches, m.errors, m.truncated, m.lastOK, m.duration)
	if err != nil {
		return nil, fmt.Errorf("register rule evaluator metrics: %w", err)
	}
	m.set = set
	return m, nil
}

// ruleMetrics are one rule's children, looked up once.
type ruleMetrics struct {
	queries, hits, badHits, matches, errors, truncated prometheus.Counter
	lastOK                                             prometheus.Gauge
	duration                                           prometheus.Observer
}

func (m *metrics) forRule(name string) *ruleMetrics {
	return &ruleMetrics{
		queries: m.queries.WithLabelValues(name), hits: m.hits.WithLabelValues(name),
		badHits: m.badHits.WithLabelValues(name), matches: m.matches.WithLabelValues(name),
		errors: m.errors.WithLabelValues(name), truncated: m.truncated.WithLabelValues(name),
		lastOK: m.lastOK.WithLabelValues(name), duration: m.duration.WithLabelValues(name),
	}
}
