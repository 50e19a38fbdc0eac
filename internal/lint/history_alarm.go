package lint

import (
	"context"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/query"
)

// checkThresholdHistory replays the window's per-period event counts of
// a "more than" alarm over a count of events: a threshold no period
// crossed in a day is probably too high (or the query matches nothing),
// one every period crossed is noise that will be muted. Other alarms are
// skipped: their datapoints are not plain counts.
func checkThresholdHistory(ctx context.Context, c Counter, f alarmFile, from, to time.Time) ([]Finding, error) {
	a := f.a
	if !countsEvents(a.Metric) || !summed(a.Metric) || !greater(a.Comparison) || a.Period <= 0 {
		return nil, nil
	}
	q, err := query.Parse(a.Metric.Query)
	if err != nil {
		return nil, fmt.Errorf("lint: alarm %s: parse query: %w", a.File, err)
	}
	counts, err := c.CountPer(ctx, q, from, to, a.Period)
	if err != nil {
		return nil, fmt.Errorf("lint: count alarm %s: %w", a.File, err)
	}
	periods := int(to.Sub(from) / a.Period)
	crossed, highest := crossings(a, counts)
	switch {
	case crossed == 0:
		msg := fmt.Sprintf("no period in the last %s crossed %s (highest: %d events per %s)", windowText, describe(a), highest, formatDuration(a.Period))
		return []Finding{f.finding(SeverityWarning, "threshold-history", msg,
			"check the query with `logstack search`, or lower the threshold towards the counts you want to hear about", "threshold")}, nil
	case crossed >= periods:
		msg := fmt.Sprintf("every period in the last %s crossed %s: the alarm would never have been OK", windowText, describe(a))
		return []Finding{f.finding(SeverityWarning, "threshold-history", msg,
			"raise the threshold above the normal per-period count", "threshold")}, nil
	}
	return nil, nil
}

// crossings counts the periods whose count breaches a's threshold, and the
// highest count seen.
func crossings(a *alarm.Alarm, counts []int64) (crossed int, highest int64) {
	for _, n := range counts {
		highest = max(highest, n)
		if a.Comparison.Breaches(float64(n), a.Threshold) {
			crossed++
		}
	}
	return crossed, highest
}
