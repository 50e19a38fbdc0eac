package lint

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/rule"
)

// Env is one environment's alarms and rules, for the parity check.
type Env struct {
	Name   string
	Alarms []*alarm.Alarm
	Rules  []*rule.Rule
}

// Exception excuses an alarm or rule from the parity check in one environment
// (Env "" for all), with the reason kept for reviewers: staging may well
// lack the production-only traffic alarm.
type Exception struct {
	Env    string `json:"env,omitempty"`
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// Difference is one way two environments' alarms or rules differ (alarm
// and rule names share one key space). Field is "presence" when the alarm
// or rule exists on one side only.
type Difference struct {
	Name  string `json:"name"`
	Field string `json:"field"`
	Left  string `json:"left"`
	Right string `json:"right"`
}

// String formats the difference for the terminal.
func (d Difference) String() string {
	return fmt.Sprintf("%s: %s: %s != %s", d.Name, d.Field, d.Left, d.Right)
}

// Diff compares two environments' alarms, then their rules, by name, so a
// change tested in staging is not silently missing (or different) in
// production. Actions (an alarm's actions, a rule's alert list) are not
// compared: environments notify different people by design. Names excused
// for either environment are skipped.
func Diff(left, right Env, exceptions []Exception) []Difference {
	out := diffByName(left.Name, right.Name, byName(left.Alarms), byName(right.Alarms), exceptions,
		func(a *alarm.Alarm) string { return a.File }, diffAlarm)
	return append(out, diffByName(left.Name, right.Name, rulesByName(left.Rules), rulesByName(right.Rules), exceptions,
		func(r *rule.Rule) string { return r.File }, diffRule)...)
}

// diffByName compares the items of two environments by name: presence
// (naming the file of the side that has it), then diff of those on both
// sides, skipping excused names.
func diffByName[T comparable](leftEnv, rightEnv string, l, r map[string]T, exceptions []Exception,
	file func(T) string, diff func(a, b T) []Difference) []Difference {
	var zero T
	var out []Difference
	for _, name := range unionNames(l, r) {
		if excused(name, leftEnv, rightEnv, exceptions) {
			continue
		}
		a, b := l[name], r[name]
		switch {
		case a == zero:
			out = append(out, Difference{Name: name, Field: "presence", Left: "absent in " + leftEnv, Right: file(b)})
		case b == zero:
			out = append(out, Difference{Name: name, Field: "presence", Left: file(a), Right: "absent in " + rightEnv})
		default:
			out = append(out, diff(a, b)...)
		}
	}
	return out
}

// diffAlarm lists the evaluated settings that differ.
func diffAlarm(a, b *alarm.Alarm) []Difference {
	fa, fb := settings(a), settings(b)
	var out []Difference
	for _, k := range settingNames {
		if fa[k] != fb[k] {
			out = append(out, Difference{Name: a.Name, Field: k, Left: fa[k], Right: fb[k]})
		}
	}
	return out
}

// settingNames are the alarm keys that decide when it fires, in file order.
var settingNames = []string{"metric.query", "metric.field", "metric.internal", "metric.statistic", "period",
	"evaluation_periods", "datapoints_to_alarm", "comparison", "threshold", "treat_missing_data", "enabled"}

// settings renders those keys' values.
func settings(a *alarm.Alarm) map[string]string {
	return map[string]string{
		"metric.query": a.Metric.Query, "metric.field": a.Metric.Field, "metric.internal": a.Metric.Internal,
		"metric.statistic": a.Metric.Statistic.String(), "period": formatDuration(a.Period),
		"evaluation_periods": strconv.Itoa(a.EvaluationPeriods), "datapoints_to_alarm": strconv.Itoa(a.DatapointsToAlarm),
		"comparison": string(a.Comparison), "threshold": formatNumber(a.Threshold),
		"treat_missing_data": string(a.TreatMissingData), "enabled": strconv.FormatBool(a.Enabled),
	}
}

// byName indexes alarms by name.
func byName(as []*alarm.Alarm) map[string]*alarm.Alarm {
	m := make(map[string]*alarm.Alarm, len(as))
	for _, a := range as {
		m[a.Name] = a
	}
	return m
}

// unionNames lists the names of both sides, sorted.
func unionNames[T any](l, r map[string]T) []string {
	seen := map[string]bool{}
	for n := range l {
		seen[n] = true
	}
	for n := range r {
		seen[n] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// excused reports whether an exception covers name in either environment.
func excused(name, left, right string, exceptions []Exception) bool {
	for _, e := range exceptions {
		if e.Name == name && (e.Env == "" || e.Env == left || e.Env == right) {
			return true
		}
	}
	return false
}
