package lint

import "github.com/logstack/logstack/internal/alarm"

// checkMissingData flags treat_missing_data choices that do not fit a
// count of events. A period without matching events has no datapoint (not
// a 0), so for "too many" alarms `missing` (the default) drifts to
// INSUFFICIENT_DATA when events are rare and `breaching` fires on silence;
// for "too few" alarms a silent period must breach, or a complete stop is
// never noticed.
func checkMissingData(f alarmFile) []Finding {
	a := f.a
	if !countsEvents(a.Metric) {
		return nil
	}
	const check = "missing-data"
	greaterCmp := greater(a.Comparison)
	switch {
	case greaterCmp && a.TreatMissingData == alarm.TreatMissingMissing:
		return []Finding{f.finding(SeverityWarning, check,
			"treat_missing_data missing on a count of events: periods without events leave the alarm in INSUFFICIENT_DATA",
			"treat_missing_data: notBreaching (no events is a count of 0)", "treat_missing_data", "metric.query", "metric")}
	case greaterCmp && a.TreatMissingData == alarm.TreatMissingBreaching:
		return []Finding{f.finding(SeverityError, check,
			"treat_missing_data breaching on a \"more than\" count: periods without events breach, so the alarm fires when nothing happens",
			"treat_missing_data: notBreaching", "treat_missing_data")}
	case !greaterCmp && a.TreatMissingData != alarm.TreatMissingBreaching:
		return []Finding{f.finding(SeverityWarning, check,
			"\"less than\" on a count of events: a period without events has no datapoint, so a complete stop is not seen as 0",
			"treat_missing_data: breaching", "treat_missing_data", "comparison")}
	}
	return nil
}
