package rule_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/rule"
)

// The migration examples of docs/ALERTING.md ("Migrating from ElastAlert2
// and CloudWatch") live in testdata/migration: every rule file there is
// loaded and replayed over its events, and every alarm file over its
// series, and the output must be what the document shows, so that the
// examples cannot rot.

// ruleCase is one example rule: its replay and the `logstack rules test`
// lines it prints.
type ruleCase struct {
	from, until string
	warnings    int
	want        []string
}

var migrationRules = map[string]ruleCase{
	"feature-configured.yaml": {warnings: 1, want: []string{
		`{"time":"2026-12-01T09:04:10Z","rule":"feature-configured","query_key":"acme","matches":1}`,
		`{"time":"2026-12-01T11:47:10Z","rule":"feature-configured","query_key":"globex","matches":1}`,
		`{"time":"2026-12-01T11:48:10Z","rule":"feature-configured","query_key":"globex","matches":1}`,
	}},
	"log-source-stopped.yaml": {from: "2026-12-01T10:00:00Z", until: "2026-12-01T10:40:00Z", want: []string{
		`{"time":"2026-12-01T10:21:00Z","rule":"log-source-stopped","query_key":"web-2","matches":1}`,
	}},
}

func TestMigrationRules(t *testing.T) {
	files, err := filepath.Glob("testdata/migration/*.yaml")
	if err != nil || len(files) != len(migrationRules) {
		t.Fatalf("files %v (%v), want one per case: %d", files, err, len(migrationRules))
	}
	for _, path := range files {
		c, ok := migrationRules[filepath.Base(path)]
		if !ok {
			t.Fatalf("%s: no case", path)
		}
		r, err := rule.LoadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(r.Warnings) != c.warnings {
			t.Errorf("%s: warnings %v", path, r.Warnings)
		}
		got := replayFile(t, r, strings.TrimSuffix(path, ".yaml")+".ndjson", c.from, c.until)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", path, strings.Join(got, "\n     "), strings.Join(c.want, "\n     "))
		}
	}
}

// replayFile replays events as `logstack rules test --run-every 1m` does
// and renders its output lines.
func replayFile(t *testing.T, r *rule.Rule, events, from, until string) []string {
	t.Helper()
	f, err := os.Open(events)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evs, errs := rule.ReadEvents(f, events)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	opt := rule.ReplayOptions{Every: time.Minute, From: parseTime(t, from), Until: parseTime(t, until)}
	ns, err := rule.Replay(r, evs, opt)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		line := struct {
			Time     string  `json:"time"`
			Rule     string  `json:"rule"`
			QueryKey *string `json:"query_key"`
			Matches  int     `json:"matches"`
		}{Time: n.Time.UTC().Format(time.RFC3339), Rule: n.Rule, Matches: len(n.Matches)}
		if m := n.Matches[0]; m.HasKey {
			line.QueryKey = &m.Key
		}
		b, _ := json.Marshal(line)
		out = append(out, string(b))
	}
	return out
}

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// alarmCase is one example alarm: its series and the transitions of
// `logstack alarms test` (time, new state, actions).
type alarmCase struct {
	file, series string
	// treat overrides treat_missing_data, to show CloudWatch's default.
	treat alarm.TreatMissing
	want  []string
}

var migrationAlarms = []alarmCase{
	{file: "../alarm/testdata/broker-backend-connection-errors.yaml", series: "broker-backend-connection-errors.series.ndjson", want: []string{
		"10:01 OK [team-chat]", "10:05 ALARM [team-chat]", "10:07 OK [team-chat]",
	}},
	{file: "testdata/migration/alarms/feature-configured.yaml", series: "feature-configured.series.ndjson", want: []string{
		"09:05 ALARM [team-chat]", "09:20 OK", "09:25 ALARM [team-chat]", "09:40 OK",
	}},
	{file: "testdata/migration/alarms/feature-configured.yaml", series: "feature-configured.series.ndjson", treat: alarm.TreatMissingMissing, want: []string{
		"09:05 ALARM [team-chat]", "09:20 INSUFFICIENT_DATA", "09:25 ALARM [team-chat]", "09:40 INSUFFICIENT_DATA",
	}},
}

func TestMigrationAlarms(t *testing.T) {
	files, _ := filepath.Glob("testdata/migration/alarms/*.yaml")
	for _, f := range files {
		if !slices.ContainsFunc(migrationAlarms, func(c alarmCase) bool { return c.file == f }) {
			t.Fatalf("%s: no case", f)
		}
	}
	for _, c := range migrationAlarms {
		a, err := alarm.LoadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		if c.treat != "" {
			a.TreatMissingData = c.treat
		}
		sf, err := os.Open(filepath.Join("testdata/migration/alarms", c.series))
		if err != nil {
			t.Fatal(err)
		}
		samples, err := alarm.ReadSeries(c.series, sf)
		sf.Close()
		if err != nil {
			t.Fatal(err)
		}
		trs, err := alarm.Replay(a, samples, time.Time{}, samples[len(samples)-1].Time.Add(20*time.Minute), alarm.StateInsufficientData)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tr := range trs {
			if !tr.Changed() {
				continue
			}
			s := tr.Time.UTC().Format("15:04") + " " + string(tr.To)
			if len(tr.Actions) > 0 {
				s += " [" + strings.Join(tr.Actions, " ") + "]"
			}
			got = append(got, s)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s (%s):\n got %q\nwant %q", c.file, a.TreatMissingData, got, c.want)
		}
	}
}
