package lint

import (
	"fmt"

	"github.com/logstack/logstack/internal/alarm"
)

// checkThresholdReach flags summed counts whose threshold every datapoint
// crosses (the alarm is always firing) or none can cross (it never
// fires). Counts are never negative; a count of events has no datapoint
// below 1, because a period without events has none at all.
func checkThresholdReach(f alarmFile) []Finding {
	a := f.a
	if !countLike(a.Metric) || !summed(a.Metric) {
		return nil
	}
	const check = "threshold-reach"
	if greater(a.Comparison) && a.Comparison.Breaches(0, a.Threshold) {
		msg := fmt.Sprintf("%s on a count: every period breaches (counts are at least 0), so the alarm is always firing", describe(a))
		return []Finding{f.finding(SeverityError, check, msg, "a threshold of 0 or more with GreaterThanThreshold", "threshold")}
	}
	if greater(a.Comparison) {
		return nil
	}
	return lessReach(f)
}

// lessReach checks "less than" comparisons on counts.
func lessReach(f alarmFile) []Finding {
	a := f.a
	floor := 0.0
	if countsEvents(a.Metric) {
		if a.TreatMissingData == alarm.TreatMissingBreaching {
			return nil // silent periods breach: a working "too few" alarm
		}
		floor = 1
	}
	if a.Comparison.Breaches(floor, a.Threshold) {
		return nil
	}
	msg := fmt.Sprintf("%s on a count: no datapoint is ever below %s, so the alarm can never fire", describe(a), formatNumber(floor))
	fix := "a threshold above the lowest count"
	if floor == 1 {
		fix = "treat_missing_data: breaching, so a period without events breaches"
	}
	return []Finding{f.finding(SeverityError, "threshold-reach", msg, fix, "threshold")}
}
