package alarm

import (
	"errors"
	"time"
)

// Alarm is one metric alarm, as loaded from an alarm file. Field names
// mirror CloudWatch's alarm properties (AlarmName, AlarmDescription,
// Period, EvaluationPeriods, DatapointsToAlarm, ComparisonOperator,
// Threshold, TreatMissingData, AlarmActions, OKActions,
// InsufficientDataActions, ActionsEnabled).
type Alarm struct {
	Name        string
	Description string
	Metric      Metric
	// Period is the length of one datapoint's period.
	Period time.Duration
	// EvaluationPeriods is N: how many of the most recent datapoints
	// decide the state.
	EvaluationPeriods int
	// DatapointsToAlarm is M: how many of those N must breach for ALARM.
	// Defaults to EvaluationPeriods, as in CloudWatch.
	DatapointsToAlarm int
	Comparison        Comparison
	Threshold         float64
	TreatMissingData  TreatMissing
	// Actions name notifiers or escalation policies; which list runs is
	// decided by the state the alarm enters.
	AlarmActions            []string
	OKActions               []string
	InsufficientDataActions []string
	// Enabled is CloudWatch's ActionsEnabled: a disabled alarm is still
	// evaluated (its state stays visible) but runs no actions.
	Enabled bool

	// File is the file the alarm came from, for messages.
	File string
}

// Metric says what an alarm watches: either a log query aggregated per
// period, or one of logstack's own metrics (Internal).
type Metric struct {
	// Query is a logstack search query; each matching event contributes
	// Field's value, or 1 when Field is empty (so sum counts events).
	Query string
	// Field is the numeric event field the statistic is taken over.
	Field string
	// Internal names a logstack metric (e.g. an input's error counter)
	// instead of a query.
	Internal  string
	Statistic Statistic
}

// maxAlarmSpan is CloudWatch's limit on evaluation_periods times period.
const maxAlarmSpan = 24 * time.Hour

// EvaluationRange is how many of the most recent periods an evaluation
// looks at: evaluation_periods + 2. CloudWatch retrieves "a higher number
// of data points than specified by Evaluation Periods" and does not publish
// the exact number; its user guide's examples use 5 for 3 evaluation
// periods. N + 2 reproduces those examples exactly, stays predictable, and
// bounds how long an old real datapoint can keep deciding the state after a
// metric stops (at most two extra periods).
func (a *Alarm) EvaluationRange() int { return a.EvaluationPeriods + 2 }

// actionsFor returns the action list that runs when the alarm enters s.
func (a *Alarm) actionsFor(s State) []string {
	if !a.Enabled {
		return nil
	}
	switch s {
	case StateAlarm:
		return a.AlarmActions
	case StateOK:
		return a.OKActions
	case StateInsufficientData:
		return a.InsufficientDataActions
	}
	return nil
}

// Validate checks an alarm built in code (the loader runs the same checks
// with file positions) and returns every problem joined.
func (a *Alarm) Validate() error {
	var errs []error
	for _, p := range a.problems() {
		errs = append(errs, p)
	}
	return errors.Join(errs...)
}
