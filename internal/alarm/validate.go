package alarm

import (
	"time"
	"unicode"
)

// fieldProblem is a validation problem on a key, positioned by the loader.
type fieldProblem struct {
	path string
	err  error
}

func (p fieldProblem) Error() string { return p.path + ": " + p.err.Error() }
func (p fieldProblem) Unwrap() error { return p.err }

// problems lists everything wrong with a, by key, in file order.
func (a *Alarm) problems() []fieldProblem {
	var out []fieldProblem
	bad := func(path string, sentinel error, format string, args ...any) {
		out = append(out, fieldProblem{path, errorf(sentinel, format, args...)})
	}
	switch {
	case a.Name == "":
		bad("name", ErrMissing, "an alarm needs a name")
	case !ascii(a.Name):
		bad("name", ErrInvalid, "alarm names must be ASCII, as in CloudWatch")
	}
	out = append(out, a.Metric.problems()...)
	if a.Period <= 0 {
		bad("period", ErrMissing, "period must be a positive duration such as 1m")
	} else if a.Period%time.Second != 0 {
		bad("period", ErrInvalid, "period must be a whole number of seconds, got %s", a.Period)
	}
	if a.EvaluationPeriods < 1 {
		bad("evaluation_periods", ErrMissing, "evaluation_periods must be at least 1")
	} else if a.Period > 0 && a.Period*time.Duration(a.EvaluationPeriods) > maxAlarmSpan {
		bad("evaluation_periods", ErrInvalid, "evaluation_periods x period is %s; at most 24h, as in CloudWatch", a.Period*time.Duration(a.EvaluationPeriods))
	}
	if a.DatapointsToAlarm < 1 || (a.EvaluationPeriods >= 1 && a.DatapointsToAlarm > a.EvaluationPeriods) {
		bad("datapoints_to_alarm", ErrInvalid, "datapoints_to_alarm must be between 1 and evaluation_periods (%d), got %d", a.EvaluationPeriods, a.DatapointsToAlarm)
	}
	if a.Comparison == "" {
		bad("comparison", ErrMissing, "comparison is required (GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold or LessThanOrEqualToThreshold)")
	} else if !a.Comparison.valid() {
		bad("comparison", ErrInvalid, "unknown comparison %q (want GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold or LessThanOrEqualToThreshold)", a.Comparison)
	}
	if !a.TreatMissingData.valid() {
		bad("treat_missing_data", ErrInvalid, "unknown treat_missing_data %q (want missing, notBreaching, breaching or ignore)", a.TreatMissingData)
	}
	return out
}

func (m *Metric) problems() []fieldProblem {
	var out []fieldProblem
	bad := func(path string, sentinel error, format string, args ...any) {
		out = append(out, fieldProblem{path, errorf(sentinel, format, args...)})
	}
	switch {
	case m.Query == "" && m.Internal == "":
		bad("metric", ErrMissing, "metric needs query (a log search) or internal (a logstack metric name)")
	case m.Query != "" && m.Internal != "":
		bad("metric.internal", ErrInvalid, "metric takes query or internal, not both")
	case m.Internal != "" && m.Field != "":
		bad("metric.field", ErrInvalid, "field applies to query metrics only")
	}
	if m.Statistic.IsZero() {
		bad("metric.statistic", ErrMissing, "metric.statistic is required (sum, average, minimum, maximum, sample_count or pNN)")
	}
	return out
}

func ascii(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}
