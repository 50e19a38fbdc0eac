package alarm

import "time"

// Point is one period's datapoint in an evaluation range.
type Point struct {
	// Start is the start of the period; CloudWatch timestamps datapoints
	// at the period start and so do reasons.
	Start time.Time
	Value float64
	// Present is false for a period without data: a missing datapoint.
	Present bool
}

// Result is what one evaluation decides.
type Result struct {
	// State is the new state; it equals the current one when Retained.
	State  State
	Reason string
	// Retained is true when treat_missing_data: ignore kept the current
	// state because the data could not decide it.
	Retained bool
}

// observed is a present datapoint with its age (1 = the newest period).
type observed struct {
	Point
	age    int
	breach bool
}

// Evaluate decides an alarm's state from window, the datapoints of the most
// recent periods, oldest first and ending with the period that just closed;
// only the last EvaluationRange() entries are used and a shorter window
// counts as missing at its old end. It follows "How alarm state is
// evaluated when data is missing" in the CloudWatch user guide
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html):
//
//   - with at least N (evaluation_periods) present datapoints in the range,
//     the N most recent present ones decide and treat_missing_data is not
//     used;
//   - otherwise every present datapoint in the range is used and the
//     missing ones are filled, as few as possible (N minus the present
//     ones), by the treatment: breaching and notBreaching fill with
//     breaching or good points; missing and ignore do not fill, and then
//   - "avoid premature transitions to ALARM": with no good datapoint in
//     the range, the alarm goes to ALARM when the oldest breaching one is
//     at least M (datapoints_to_alarm) periods old, as the newer ones can
//     then no longer turn out good in time; ignore retains the state
//     instead, as the guide's tables show;
//   - a present good datapoint makes the state OK; with only breaching
//     ones too recent to decide, or none at all, missing gives
//     INSUFFICIENT_DATA and ignore retains the current state.
//
// In every case ALARM needs at least M breaching datapoints among those
// evaluated, as in an M out of N alarm.
func Evaluate(a *Alarm, window []Point, current State) Result {
	obs := a.observe(window)
	n, m := a.EvaluationPeriods, a.DatapointsToAlarm
	if len(obs) >= n {
		return a.decide(obs[:n], 0, false, current)
	}
	fill := n - len(obs)
	switch a.TreatMissingData {
	case TreatMissingBreaching:
		return a.decide(obs, fill, true, current)
	case TreatMissingNotBreaching:
		return a.decide(obs, fill, false, current)
	}
	breaching := countBreaching(obs)
	ignore := a.TreatMissingData == TreatMissingIgnore
	switch {
	case breaching >= m:
		return a.decide(obs, 0, false, current)
	case premature(obs, m) && ignore:
		return retained(current)
	case premature(obs, m):
		return a.prematureAlarm(obs, current)
	case breaching < len(obs): // a good datapoint is present
		return a.decide(obs, 0, false, current)
	case ignore:
		return retained(current)
	}
	return Result{State: StateInsufficientData, Reason: insufficientReason(fill)}
}

// observe lists the present datapoints of the evaluation range, newest
// first, with their age and whether they breach.
func (a *Alarm) observe(window []Point) []observed {
	r := a.EvaluationRange()
	if len(window) > r {
		window = window[len(window)-r:]
	}
	var out []observed
	for i := len(window) - 1; i >= 0; i-- {
		p := window[i]
		if p.Present {
			out = append(out, observed{Point: p, age: len(window) - i, breach: a.Comparison.Breaches(p.Value, a.Threshold)})
		}
	}
	return out
}

// premature is the user guide's rule from "Avoiding premature transitions
// to alarm state": no present datapoint is good and the oldest breaching
// one is at least m periods old. obs is newest first.
func premature(obs []observed, m int) bool {
	if len(obs) == 0 || countBreaching(obs) < len(obs) {
		return false
	}
	return obs[len(obs)-1].age >= m
}

func countBreaching(obs []observed) int {
	n := 0
	for _, o := range obs {
		if o.breach {
			n++
		}
	}
	return n
}

// decide applies the threshold to the evaluated datapoints plus fill
// filled ones (breaching when fillBreach): ALARM with at least M breaching.
func (a *Alarm) decide(obs []observed, fill int, fillBreach bool, current State) Result {
	breaching := countBreaching(obs)
	if fillBreach {
		breaching += fill
	}
	total := len(obs) + fill
	if breaching >= a.DatapointsToAlarm {
		return Result{State: StateAlarm, Reason: a.thresholdReason(obs, breaching, total, fill, fillBreach, StateAlarm, current)}
	}
	return Result{State: StateOK, Reason: a.thresholdReason(obs, total-breaching, total, fill, fillBreach, StateOK, current)}
}

func retained(current State) Result {
	return Result{State: current, Retained: true, Reason: "Unchanged: datapoints are missing and treat_missing_data is ignore, so the alarm keeps its state."}
}
