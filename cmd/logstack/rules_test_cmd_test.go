package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rulesTest writes a rule and an events file and runs `rules test` on them.
func rulesTest(t *testing.T, ruleYAML string, events []string, extra ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	rp, ep := filepath.Join(dir, "rule.yaml"), filepath.Join(dir, "events.ndjson")
	if err := os.WriteFile(rp, []byte(ruleYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ep, []byte(strings.Join(events, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return runCmd(append([]string{"rules", "test", rp, "--events", ep}, extra...)...)
}

func ev(ts, host, level string) string {
	return `{"@timestamp":"2024-05-01T` + ts + `Z","host":"` + host + `","level":"` + level + `","message":"x"}`
}

func TestRulesTestFrequency(t *testing.T) {
	rule := "name: errors\ntype: frequency\nnum_events: 2\ntimeframe: {minutes: 5}\nquery_key: host\n" +
		"realert: {minutes: 0}\nfilter:\n- term: {level: error}\nalert: [email]\n"
	events := []string{
		ev("10:00:00", "a", "error"), ev("10:00:30", "a", "error"), ev("10:00:40", "b", "info"),
		ev("10:02:10", "b", "error"), ev("10:03:00", "b", "error"), ev("10:03:30", "a", "error"),
	}
	code, out, errOut := rulesTest(t, rule, events, "--run-every", "1m")
	want := `{"time":"2024-05-01T10:01:00Z","rule":"errors","query_key":"a","matches":1}
{"time":"2024-05-01T10:03:00Z","rule":"errors","query_key":"b","matches":1}
`
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s\nstderr %s", code, out, want, errOut)
	}
}

func TestRulesTestRealertSuppresses(t *testing.T) {
	rule := "name: r\ntype: frequency\nnum_events: 2\ntimeframe: {minutes: 5}\nrealert: {minutes: 10}\nalert: [email]\n"
	events := []string{
		ev("10:00:00", "a", "error"), ev("10:00:10", "a", "error"), // match at run 10:01, sent
		ev("10:02:00", "a", "error"), ev("10:02:10", "a", "error"), // match at run 10:03, silenced until 10:11
		ev("10:12:00", "a", "error"), ev("10:12:30", "a", "error"), // match at run 10:13, sent
	}
	code, out, errOut := rulesTest(t, rule, events)
	want := `{"time":"2024-05-01T10:01:00Z","rule":"r","query_key":null,"matches":1}
{"time":"2024-05-01T10:13:00Z","rule":"r","query_key":null,"matches":1}
`
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s\nstderr %s", code, out, want, errOut)
	}
}

func TestRulesTestAggregation(t *testing.T) {
	rule := "name: agg\ntype: any\nrealert: {minutes: 0}\naggregation: {minutes: 2}\naggregation_key: host\nalert: [email]\n"
	events := []string{
		ev("10:00:00", "a", "error"), // opens a's batch, due 10:02
		ev("10:00:30", "b", "error"), // opens b's batch at run 10:01, due 10:03
		ev("10:01:00", "a", "error"), // joins a's batch
		ev("10:03:00", "a", "error"), // a's first batch is sent: opens a new one, due 10:05 (after the replay)
	}
	code, out, errOut := rulesTest(t, rule, events)
	want := `{"time":"2024-05-01T10:02:00Z","rule":"agg","query_key":null,"matches":2,"aggregation_key":"a"}
{"time":"2024-05-01T10:03:00Z","rule":"agg","query_key":null,"matches":1,"aggregation_key":"b"}
{"time":"2024-05-01T10:05:00Z","rule":"agg","query_key":null,"matches":1,"aggregation_key":"a"}
`
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s\nstderr %s", code, out, want, errOut)
	}
}

func TestRulesTestWindowAndQueryDelay(t *testing.T) {
	rule := "name: w\ntype: any\nrealert: {minutes: 0}\nquery_delay: {minutes: 1}\nalert: [email]\n"
	events := []string{ev("09:00:00", "a", "x"), ev("10:00:00", "a", "x"), ev("10:00:30", "b", "x"), ev("11:00:00", "a", "x")}
	// Events before --from and after --until are dropped; query_delay
	// makes the run at T see events up to T-1m.
	code, out, errOut := rulesTest(t, rule, events, "--from", "2024-05-01T10:00:00Z", "--until", "2024-05-01T10:30:00Z")
	want := `{"time":"2024-05-01T10:01:00Z","rule":"w","query_key":null,"matches":1}
{"time":"2024-05-01T10:02:00Z","rule":"w","query_key":null,"matches":1}
`
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s\nstderr %s", code, out, want, errOut)
	}
}

func TestRulesTestBadEvents(t *testing.T) {
	rule := "name: r\ntype: any\nalert: [email]\n"
	events := []string{ev("10:00:00", "a", "error"), "not json", `{"message":"x"}`, "", `{"@timestamp":"yesterday"}`}
	code, out, errOut := rulesTest(t, rule, events)
	if code != 1 || out != "" {
		t.Fatalf("exit %d out %q", code, out)
	}
	for _, want := range []string{
		"events.ndjson:2: bad event: not a JSON object",
		"events.ndjson:3: bad event: missing @timestamp",
		`events.ndjson:5: bad event: @timestamp yesterday is not an RFC 3339 time`,
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestRulesTestUsage(t *testing.T) {
	if code, _, errOut := runCmd("rules", "test", "r.yaml"); code != 2 || !strings.Contains(errOut, "--events") {
		t.Fatalf("no --events: %d %q", code, errOut)
	}
	if code, _, _ := runCmd("rules", "test", "missing.yaml", "--events", "missing.ndjson"); code != 1 {
		t.Fatalf("missing files: %d", code)
	}
}
