package lint

import (
	"strings"
	"testing"
)

// base is a correct alarm over a count of events; tests override keys.
var base = map[string]string{
	"name":               "errors",
	"metric":             "\n  query: 'status:500'\n  statistic: sum",
	"period":             "1m",
	"evaluation_periods": "5",
	"comparison":         "GreaterThanThreshold",
	"threshold":          "100",
	"treat_missing_data": "notBreaching",
	"alarm_actions":      "[chat]",
	"ok_actions":         "[chat]",
}

var order = []string{"name", "metric", "period", "evaluation_periods", "comparison", "threshold", "treat_missing_data", "alarm_actions", "ok_actions"}

// alarmYAML renders base with overrides; an override "" drops the key.
func alarmYAML(over map[string]string) string {
	var b strings.Builder
	for _, k := range order {
		v := base[k]
		if o, ok := over[k]; ok {
			v = o
		}
		if v == "" {
			continue
		}
		b.WriteString(k + ": " + v + "\n")
	}
	return b.String()
}

// lintText lints one file's content named a.yaml.
func lintText(t *testing.T, text string) []Finding {
	t.Helper()
	l := &Loaded{}
	l.add("a.yaml", []byte(text))
	return l.Findings
}

// only keeps the findings of one check.
func only(fs []Finding, check string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Check == check {
			out = append(out, f)
		}
	}
	return out
}

// want asserts the check's findings: none when sev is "", else exactly one
// of that severity on line (when line > 0) whose message contains substr.
func want(t *testing.T, fs []Finding, check string, sev Severity, line int, substr string) {
	t.Helper()
	got := only(fs, check)
	if sev == "" {
		if len(got) != 0 {
			t.Fatalf("want no %s finding, got %v", check, got)
		}
		return
	}
	if len(got) != 1 {
		t.Fatalf("want one %s finding, got %v (all: %v)", check, got, fs)
	}
	f := got[0]
	if f.Severity != sev || (line > 0 && f.Line != line) || !strings.Contains(f.Message, substr) || f.Fix == "" {
		t.Fatalf("got %v, want %s on line %d containing %q with a fix", f, sev, line, substr)
	}
}

func TestBaseAlarmIsClean(t *testing.T) {
	if fs := lintText(t, alarmYAML(nil)); len(fs) != 0 {
		t.Fatalf("base alarm: %v", fs)
	}
}
