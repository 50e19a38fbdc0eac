package lint

import (
	"strings"

	"github.com/logstack/logstack/internal/alarm"
)

// alarmFile is a loaded alarm with the lines of its keys.
type alarmFile struct {
	a     *alarm.Alarm
	lines Lines
}

// finding builds a finding on key's line (or the first fallback present).
func (f alarmFile) finding(sev Severity, check, msg, fix, key string, fallback ...string) Finding {
	return Finding{File: f.a.File, Line: f.lines.At(key, fallback...), Severity: sev, Check: check, Message: msg, Fix: fix}
}

// alarmCheck is one static check over an alarm.
type alarmCheck func(alarmFile) []Finding

// alarmChecks run on every alarm file, one family per file of this package.
var alarmChecks = []alarmCheck{
	checkCountStatistic,
	checkHealthAverage,
	checkOKActions,
	checkMissingData,
	checkThresholdReach,
}

// countsEvents reports whether each matching event contributes 1: a query
// metric without a field. Its per-period sum is the number of events, and
// a period without events has no datapoint at all.
func countsEvents(m alarm.Metric) bool { return m.Query != "" && m.Field == "" }

// countLikeInternal reports whether an internal metric's name says it is a
// counter (Prometheus names counters *_total; errors and counts are
// counted too), so only its sum over a period is meaningful.
func countLikeInternal(m alarm.Metric) bool {
	n := strings.ToLower(m.Internal)
	return n != "" && (strings.HasSuffix(n, "_total") || strings.Contains(n, "error") || strings.Contains(n, "count"))
}

// countLike is a metric whose values are counts.
func countLike(m alarm.Metric) bool { return countsEvents(m) || countLikeInternal(m) }

// statName is the statistic's canonical name (sum, average, p99, ...).
func statName(m alarm.Metric) string { return m.Statistic.String() }

// summed reports whether the datapoint is a count of the period's values
// (sum or sample_count), the only statistics that grow with the traffic.
func summed(m alarm.Metric) bool {
	s := statName(m)
	return s == "sum" || s == "sample_count"
}

// greater reports whether c is GreaterThan or GreaterThanOrEqualTo.
func greater(c alarm.Comparison) bool {
	return c == alarm.GreaterThanThreshold || c == alarm.GreaterThanOrEqualToThreshold
}
