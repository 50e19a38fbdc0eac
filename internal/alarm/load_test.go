package alarm

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLoadReferenceAlarm(t *testing.T) {
	a, err := LoadFile("testdata/broker-backend-connection-errors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "broker-backend-connection-errors" || a.Metric.Statistic.String() != "sum" ||
		a.Metric.Query != "aws.elb.name:broker AND NOT _exists_:aws.elb.backend.ip" ||
		a.Period != time.Minute || a.EvaluationPeriods != 5 || a.DatapointsToAlarm != 5 ||
		a.Comparison != GreaterThanThreshold || a.Threshold != 100 || a.TreatMissingData != TreatMissingNotBreaching ||
		!slices.Equal(a.AlarmActions, []string{"team-chat"}) || !slices.Equal(a.OKActions, []string{"team-chat"}) ||
		!a.Enabled || a.Description == "" {
		t.Fatalf("decoded %+v", a)
	}
}

func TestDefaults(t *testing.T) {
	a, err := Parse("d.yaml", []byte("name: d\nmetric: {internal: logstack_input_errors_total, statistic: maximum}\nperiod: 300\nevaluation_periods: 3\ncomparison: GreaterThanOrEqualToThreshold\nthreshold: 1.5\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.DatapointsToAlarm != 3 || a.TreatMissingData != TreatMissingMissing || !a.Enabled || a.Period != 5*time.Minute || a.Threshold != 1.5 {
		t.Fatalf("defaults: %+v", a)
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

// TestLoaderReportsEveryProblemWithItsLine checks file:line:col for
// unknown keys, wrong types and invalid values, all in one error.
func TestLoaderReportsEveryProblemWithItsLine(t *testing.T) {
	_, err := LoadFile("testdata/bad.yaml")
	if err == nil {
		t.Fatal("bad.yaml loaded")
	}
	want := []string{
		`testdata/bad.yaml:4:3: metric.statistc: unknown key: "statistc" (did you mean "statistic"?)`,
		`testdata/bad.yaml:5:9: period: invalid value: expected a positive duration`,
		`testdata/bad.yaml:6:21: evaluation_periods: wrong type: expected an integer, got a string`,
		`testdata/bad.yaml:7:1: treshold: unknown key: "treshold" (did you mean "threshold"?)`,
		`testdata/bad.yaml:8:1: comparison: invalid value: unknown comparison "Bigger"`,
		`testdata/bad.yaml:9:1: treat_missing_data: invalid value: unknown treat_missing_data "maybe"`,
		`testdata/bad.yaml:10:16: alarm_actions: wrong type: expected a list of strings, got a string`,
		`testdata/bad.yaml:11:10: enabled: wrong type: expected true or false, got a string`,
		`testdata/bad.yaml: threshold: missing key: threshold is required`,
		`testdata/bad.yaml:2:1: metric.statistic: missing key`,
	}
	msg := err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("missing problem %q in:\n%s", w, msg)
		}
	}
	if !errors.Is(err, ErrUnknownKey) || !errors.Is(err, ErrType) || !errors.Is(err, ErrInvalid) || !errors.Is(err, ErrMissing) {
		t.Errorf("sentinels not all reachable: %v", err)
	}
	var p *Problem
	if !errors.As(err, &p) || p.File != "testdata/bad.yaml" || p.Line == 0 {
		t.Errorf("first problem not a positioned *Problem: %#v", p)
	}
}

func TestLoaderErrors(t *testing.T) {
	valid := "name: v\nmetric: {query: x, statistic: sum}\nperiod: 1m\nevaluation_periods: 2\ncomparison: LessThanThreshold\nthreshold: 1\n"
	f := func(doc, want string) {
		t.Helper()
		_, err := Parse("f.yaml", []byte(doc))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q): error %v, want it to contain %q", doc, err, want)
		}
	}
	f("", "f.yaml: invalid yaml: empty file")
	f("- a\n- b\n", "f.yaml:1:1: wrong type: expected a mapping, got a list")
	if _, err := Parse("f.yaml", []byte("just text\n")); err == nil || strings.Contains(err.Error(), "threshold") {
		t.Errorf("a non-mapping file should give one problem, got %v", err)
	}
	f("a: [1\n", "f.yaml:")
	f(valid+"---\nname: two\n", "more than one YAML document")
	f(valid+"name: again\n", `f.yaml:7:1: invalid yaml: mapping key "name" already defined`)
	f(valid+"datapoints_to_alarm: 3\n", "f.yaml:7:1: datapoints_to_alarm: invalid value: datapoints_to_alarm must be between 1 and evaluation_periods (2), got 3")
	f(strings.Replace(valid, "period: 1m", "period: 1500ms", 1), "period: invalid value: period must be a whole number of seconds")
	f(strings.Replace(valid, "evaluation_periods: 2", "evaluation_periods: 1441", 1), "at most 24h")
	f(strings.Replace(valid, "{query: x, statistic: sum}", "{query: x, internal: y, statistic: sum}", 1), "metric.internal: invalid value: metric takes query or internal, not both")
	f(strings.Replace(valid, "{query: x, statistic: sum}", "{internal: y, field: z, statistic: sum}", 1), "metric.field: invalid value: field applies to query metrics only")
	f(strings.Replace(valid, "{query: x, statistic: sum}", "{statistic: sum}", 1), "f.yaml:2:1: metric: missing key")
	f(strings.Replace(valid, "statistic: sum", "statistic: avg", 1), `f.yaml:2:31: metric.statistic: invalid value: unknown statistic "avg"`)
	f(strings.Replace(valid, "name: v", "name: v\u00e9", 1), "alarm names must be ASCII")
	f(strings.Replace(valid, "threshold: 1", "threshold: high", 1), "f.yaml:6:12: threshold: wrong type: expected a number, got a string")
	f(valid+"x: &a {b: 1}\n", `unknown key: "x"`)
	f(strings.Replace(valid, "name: v", "name: *nope", 1), "f.yaml")
	f(valid+"EvaluationPeriods: 2\n", `(did you mean "evaluation_periods"?)`)
}

func TestValidateInCode(t *testing.T) {
	a := &Alarm{}
	err := a.Validate()
	for _, w := range []string{"name:", "metric:", "metric.statistic:", "period:", "evaluation_periods:", "comparison:", "treat_missing_data:"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("Validate of an empty alarm: %v, want a problem on %s", err, w)
		}
	}
}
