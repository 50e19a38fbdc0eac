package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/alarm"
)

// checkCountStatistic flags average, minimum, maximum and percentiles over
// counted events. Each matching event contributes 1, so those statistics
// are 1 in every period that has events: only sum (or sample_count) grows
// with the number of events and can reach a threshold above 1.
func checkCountStatistic(f alarmFile) []Finding {
	m := f.a.Metric
	if !countLike(m) || summed(m) {
		return nil
	}
	const check, fix = "count-statistic", "statistic: sum, so the datapoint is the number of events per period"
	if countLikeInternal(m) {
		msg := fmt.Sprintf("%s of counter %q: only sum over the period reflects how many happened", statName(m), m.Internal)
		return []Finding{f.finding(SeverityWarning, check, msg, fix, "metric.statistic", "metric")}
	}
	if !f.a.Comparison.Breaches(1, f.a.Threshold) {
		msg := fmt.Sprintf("%s of a query without field is always 1 (each event counts 1), so it never breaches %s: this alarm can never fire",
			statName(m), describe(f.a))
		return []Finding{f.finding(SeverityError, check, msg, fix, "metric.statistic", "metric")}
	}
	msg := fmt.Sprintf("%s of a query without field is always 1 (each event counts 1): the alarm fires on a single event whatever the volume", statName(m))
	return []Finding{f.finding(SeverityWarning, check, msg, fix, "metric.statistic", "metric")}
}

// healthWords mark metrics that count hosts or targets; they move in steps
// as hosts come and go, so an average over a period flaps around the
// threshold.
var healthWords = []string{"unhealthy", "healthy", "hosts"}

// checkHealthAverage flags average over host counts: one host dropping for
// a few seconds moves the average across the threshold and back. Minimum
// (healthy, "fewer than") or maximum (unhealthy, "more than") over the
// period with M of N datapoints says "for most of the time" instead.
func checkHealthAverage(f alarmFile) []Finding {
	m := f.a.Metric
	if statName(m) != "average" || !mentionsHealth(m) {
		return nil
	}
	want := "maximum"
	if !greater(f.a.Comparison) {
		want = "minimum"
	}
	n := max(f.a.EvaluationPeriods, 5)
	fix := fmt.Sprintf("statistic: %s with datapoints_to_alarm: %d and evaluation_periods: %d (M of N)", want, n/2+1, n)
	msg := "average over a host count flaps as hosts come and go within a period"
	return []Finding{f.finding(SeverityWarning, "health-average", msg, fix, "metric.statistic", "metric")}
}

// mentionsHealth reports whether the metric's name, field or query names
// healthy/unhealthy hosts.
func mentionsHealth(m alarm.Metric) bool {
	s := strings.ToLower(m.Internal + " " + m.Field + " " + m.Query)
	for _, w := range healthWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// describe phrases the alarm's condition, e.g. "GreaterThanThreshold 100".
func describe(a *alarm.Alarm) string {
	return fmt.Sprintf("%s %s", a.Comparison, formatNumber(a.Threshold))
}

// formatNumber prints a threshold without a trailing ".0".
func formatNumber(v float64) string { return fmt.Sprintf("%g", v) }

// formatDuration prints a duration as alarm files write it: 1m, 1h30m,
// 90s, not 1m0s.
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
