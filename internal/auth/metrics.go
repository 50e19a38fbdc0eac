package auth

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Collector exports the failure counts of k as
// logstack_auth_failures_total{scope, reason="missing"|"invalid"}, scope
// naming the endpoint group the keys guard (e.g. "ingest", "bulk"). Keys
// count without a registry so that New stays a plain constructor; the
// component that owns the endpoints registers the collector.
func (k *Keys) Collector(scope string) prometheus.Collector {
	return &collector{k: k, desc: prometheus.NewDesc(
		"logstack_auth_failures_total",
		"Requests refused for a missing or invalid API key, by endpoint scope and reason.",
		[]string{"reason"}, prometheus.Labels{"scope": scope},
	)}
}

type collector struct {
	k    *Keys
	desc *prometheus.Desc
}

func (c *collector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	var missing, invalid float64
	if c.k != nil {
		missing, invalid = float64(c.k.missing.Load()), float64(c.k.invalid.Load())
	}
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, missing, "missing")
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, invalid, "invalid")
}
