package alarm

import "fmt"

// State is an alarm's state, spelled as CloudWatch spells it so that
// outputs and docs read the same as the AWS console.
type State string

// The three CloudWatch alarm states. A new alarm starts in
// StateInsufficientData, as a new CloudWatch alarm does.
const (
	StateOK               State = "OK"
	StateAlarm            State = "ALARM"
	StateInsufficientData State = "INSUFFICIENT_DATA"
)

// ParseState reads a state name as the CLI's --initial-state takes it.
func ParseState(s string) (State, error) {
	switch st := State(s); st {
	case StateOK, StateAlarm, StateInsufficientData:
		return st, nil
	}
	return "", fmt.Errorf("unknown alarm state %q (want OK, ALARM or INSUFFICIENT_DATA)", s)
}

// Comparison is a CloudWatch comparison operator between a datapoint and
// the threshold; a datapoint "breaches" when the comparison holds.
type Comparison string

// The CloudWatch comparison operators for static thresholds.
const (
	GreaterThanThreshold          Comparison = "GreaterThanThreshold"
	GreaterThanOrEqualToThreshold Comparison = "GreaterThanOrEqualToThreshold"
	LessThanThreshold             Comparison = "LessThanThreshold"
	LessThanOrEqualToThreshold    Comparison = "LessThanOrEqualToThreshold"
)

// Breaches reports whether value breaches threshold under c.
func (c Comparison) Breaches(value, threshold float64) bool {
	switch c {
	case GreaterThanThreshold:
		return value > threshold
	case GreaterThanOrEqualToThreshold:
		return value >= threshold
	case LessThanThreshold:
		return value < threshold
	case LessThanOrEqualToThreshold:
		return value <= threshold
	}
	return false
}

// phrase is the comparison as CloudWatch words it in state reasons.
func (c Comparison) phrase() string {
	switch c {
	case GreaterThanThreshold:
		return "greater than"
	case GreaterThanOrEqualToThreshold:
		return "greater than or equal to"
	case LessThanThreshold:
		return "less than"
	case LessThanOrEqualToThreshold:
		return "less than or equal to"
	}
	return string(c)
}

func (c Comparison) valid() bool { return c.phrase() != string(c) }

// TreatMissing is CloudWatch's TreatMissingData: what a period without a
// datapoint means for the alarm.
type TreatMissing string

// The four treatments, as the CloudWatch user guide names them. The default
// is TreatMissingMissing, as in CloudWatch.
const (
	TreatMissingMissing      TreatMissing = "missing"
	TreatMissingNotBreaching TreatMissing = "notBreaching"
	TreatMissingBreaching    TreatMissing = "breaching"
	TreatMissingIgnore       TreatMissing = "ignore"
)

func (t TreatMissing) valid() bool {
	switch t {
	case TreatMissingMissing, TreatMissingNotBreaching, TreatMissingBreaching, TreatMissingIgnore:
		return true
	}
	return false
}
