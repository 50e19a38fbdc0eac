package alarm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// reasonTime is CloudWatch's datapoint timestamp layout in state reasons
// (day/month/year, UTC).
const reasonTime = "02/01/06 15:04:05"

// thresholdReason words a threshold decision as CloudWatch does, e.g.
// "Threshold Crossed: 3 out of the last 3 datapoints [5.0 (04/12/26
// 10:02:00), ...] were greater than the threshold (1.0) (minimum 3
// datapoints for OK -> ALARM transition)." count datapoints of total were
// (for ALARM) or were not (for OK) on the breaching side.
func (a *Alarm) thresholdReason(obs []observed, count, total, fill int, fillBreach bool, next, current State) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Threshold Crossed: %d out of the last %d datapoints [%s] %s ", count, total, listPoints(obs), verb(count))
	if next == StateOK {
		b.WriteString("not ")
	}
	fmt.Fprintf(&b, "%s the threshold (%s)", a.Comparison.phrase(), formatValue(a.Threshold))
	if fill > 0 {
		kind := "not breaching"
		if fillBreach {
			kind = "breaching"
		}
		fmt.Fprintf(&b, " (%s treated as %s)", plural(fill, "missing datapoint"), kind)
	}
	b.WriteString(a.transitionClause(next, current))
	b.WriteString(".")
	return b.String()
}

// prematureAlarm is the ALARM decision of the avoid-premature-alarm rule.
func (a *Alarm) prematureAlarm(obs []observed, current State) Result {
	oldest := obs[len(obs)-1].age
	reason := fmt.Sprintf("Threshold Crossed: %d out of the last %d datapoints [%s] %s %s the threshold (%s) and the others are missing; the oldest breaching datapoint is %d periods old, at least datapoints_to_alarm (%d)%s.",
		len(obs), a.EvaluationRange(), listPoints(obs), verb(len(obs)), a.Comparison.phrase(), formatValue(a.Threshold),
		oldest, a.DatapointsToAlarm, a.transitionClause(StateAlarm, current))
	return Result{State: StateAlarm, Reason: reason}
}

// transitionClause is CloudWatch's "(minimum M datapoints for OK -> ALARM
// transition)", present only when the state changes.
func (a *Alarm) transitionClause(next, current State) string {
	if next == current {
		return ""
	}
	need := a.DatapointsToAlarm
	if next == StateOK {
		need = a.EvaluationPeriods - a.DatapointsToAlarm + 1
	}
	return fmt.Sprintf(" (minimum %s for %s -> %s transition)", plural(need, "datapoint"), current, next)
}

func insufficientReason(unknown int) string {
	return fmt.Sprintf("Insufficient Data: %s %s unknown.", plural(unknown, "datapoint"), verb(unknown))
}

// listPoints lists datapoints newest first as "5.0 (04/12/26 10:02:00)".
func listPoints(obs []observed) string {
	parts := make([]string, len(obs))
	for i, o := range obs {
		parts[i] = formatValue(o.Value) + " (" + o.Start.UTC().Format(reasonTime) + ")"
	}
	return strings.Join(parts, ", ")
}

// formatValue prints whole numbers with one decimal ("5.0"), as
// CloudWatch's reasons do, and other values in the shortest form.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func verb(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
