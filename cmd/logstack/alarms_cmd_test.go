package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testAlarmYAML = `name: broker-backend-connection-errors
metric: {query: 'aws.elb.name:broker', statistic: sum}
period: 1m
evaluation_periods: 2
comparison: GreaterThanThreshold
threshold: 10
treat_missing_data: notBreaching
alarm_actions: [team-chat]
ok_actions: [team-chat]
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAlarmsTest(t *testing.T) {
	dir := t.TempDir()
	alarmFile := writeFile(t, dir, "a.yaml", testAlarmYAML)
	series := writeFile(t, dir, "s.ndjson", `{"timestamp": "2026-12-04T10:00:10Z", "value": 6}
{"timestamp": "2026-12-04T10:00:50Z", "value": 6}
{"timestamp": "2026-12-04T10:01:00Z", "value": 11}
`)
	var out, errb bytes.Buffer
	code := run([]string{"alarms", "test", alarmFile, "--series", series, "--until", "2026-12-04T10:06:00Z", "--initial-state", "OK"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	wantStates := []string{"OK", "ALARM", "ALARM", "ALARM", "OK", "OK"}
	if len(lines) != len(wantStates) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(wantStates), out.String())
	}
	for i, l := range lines {
		var e struct {
			Timestamp, State, Reason string
			Actions                  []string
		}
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("line %d %q: %v", i, l, err)
		}
		if e.State != wantStates[i] || e.Reason == "" || e.Timestamp == "" {
			t.Errorf("line %d: %s, want state %s", i, l, wantStates[i])
		}
	}
	if !strings.Contains(lines[1], `"timestamp":"2026-12-04T10:02:00Z"`) || !strings.Contains(lines[1], `"actions":["team-chat"]`) ||
		!strings.Contains(lines[1], "Threshold Crossed: 2 out of the last 2 datapoints [11.0 (04/12/26 10:01:00), 12.0 (04/12/26 10:00:00)] were greater than the threshold (10.0)") {
		t.Errorf("transition line: %s", lines[1])
	}
}

func TestAlarmsTestErrors(t *testing.T) {
	dir := t.TempDir()
	alarmFile := writeFile(t, dir, "a.yaml", testAlarmYAML)
	badAlarm := writeFile(t, dir, "bad.yaml", testAlarmYAML+"threshhold: 3\n")
	badSeries := writeFile(t, dir, "s.ndjson", "{\"timestamp\": \"2026-12-04T10:00:00Z\", \"value\": 1}\n{\"value\": 2}\n")
	f := func(wantCode int, wantErr string, args ...string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(append([]string{"alarms"}, args...), &out, &errb); code != wantCode || !strings.Contains(errb.String(), wantErr) {
			t.Errorf("%v: exit %d stderr %q; want %d and %q", args, code, errb.String(), wantCode, wantErr)
		}
	}
	f(1, badSeries+":2: invalid datapoint", "test", alarmFile, "--series", badSeries)
	f(1, badAlarm+":10:1: threshhold: unknown key", "test", badAlarm, "--series", badSeries)
	f(2, "usage", "test", alarmFile)
	f(2, "--initial-state", "test", alarmFile, "--series", badSeries, "--initial-state", "ok")
	f(2, "--from", "test", alarmFile, "--series", badSeries, "--from", "tomorrowish")
	f(2, "unknown subcommand", "frobnicate")
}
