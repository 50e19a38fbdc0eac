package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesValidate(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte("name: g\ntype: any\nalert: [email]\nemail: [a@example.com]\n"), 0o644)
	os.WriteFile(bad, []byte("name: b\ntype: frequency\nnum_evnts: 3\ntimeframe: {minutes: 5}\nalert: [email]\n"), 0o644)

	code, out, errOut := runCmd("rules", "validate", good)
	if code != 0 || !strings.Contains(out, `rule "g" (any) ok`) || !strings.Contains(errOut, "good.yaml:4:1: email: alerter option") {
		t.Fatalf("good: %d %q %q", code, out, errOut)
	}
	code, _, errOut = runCmd("rules", "validate", good, bad)
	if code != 1 || !strings.Contains(errOut, `bad.yaml:3:1: num_evnts: unknown key "num_evnts" (did you mean "num_events"?)`) {
		t.Fatalf("bad: %d %q", code, errOut)
	}
	if code, _, _ := runCmd("rules"); code != 2 {
		t.Fatalf("usage: %d", code)
	}
}

// TestRulesValidateDirectory: a directory holding rules and alarms is
// walked, alarm files are validated as alarms, and a bad alarm fails the
// run with its file:line.
func TestRulesValidateDirectory(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "r.yaml"), []byte("name: g\ntype: any\nalert: [chat]\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "alarms"), 0o755)
	alarmFile := "name: errs\nmetric: {query: 'level:error', statistic: sum}\nperiod: 1m\nevaluation_periods: 3\ncomparison: GreaterThanThreshold\nthreshold: 10\n"
	os.WriteFile(filepath.Join(dir, "alarms", "a.yaml"), []byte(alarmFile), 0o644)
	code, out, errOut := runCmd("rules", "validate", dir)
	if code != 0 || !strings.Contains(out, `alarm "errs" ok`) || !strings.Contains(out, `rule "g" (any) ok`) {
		t.Fatalf("dir: %d %q %q", code, out, errOut)
	}
	os.WriteFile(filepath.Join(dir, "alarms", "b.yaml"), []byte(strings.Replace(alarmFile, "threshold: 10", "treshold: 10", 1)), 0o644)
	code, _, errOut = runCmd("rules", "validate", dir)
	if code != 1 || !strings.Contains(errOut, "b.yaml:6:1: treshold") {
		t.Fatalf("bad alarm: %d %q", code, errOut)
	}
}
