package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFiles creates files under a temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPathsWalksAndClassifies(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"alarms/errors.yaml": alarmYAML(map[string]string{"ok_actions": ""}),
		"rules/storm.yml":    "name: r\ntype: any\nindex: logs\nrealert: {minutes: 0}\nalert: [email]\n",
		"rules/README.md":    "not yaml, not linted",
	})
	l, err := Paths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.alarms) != 1 || len(l.rules) != 1 || len(l.Findings) != 2 {
		t.Fatalf("alarms %d rules %d findings %v", len(l.alarms), len(l.rules), l.Findings)
	}
	if l.Findings[0].Check != "ok-actions" || l.Findings[1].Check != "alert-storm" || !HasErrors(l.Findings) {
		t.Fatalf("findings %v", l.Findings)
	}
}

func TestLoadProblemsAreErrorFindings(t *testing.T) {
	cases := []struct {
		name, text, substr string
		line               int
	}{
		{"alarm with a typo", alarmYAML(map[string]string{"period": "1m\nthreshhold: 5"}), "threshhold", 4},
		{"rule with an unknown type", "name: r\ntype: nope\nindex: logs\nalert: [email]\n", "nope", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := only(lintText(t, c.text), "load")
			if len(got) == 0 || got[0].Severity != SeverityError {
				t.Fatalf("got %v, want an error finding", got)
			}
			var hit bool
			for _, f := range got {
				hit = hit || (strings.Contains(f.Message, c.substr) && f.Line >= c.line)
			}
			if !hit {
				t.Fatalf("got %v, want one mentioning %q at line %d or later", got, c.substr, c.line)
			}
			if strings.HasPrefix(got[0].Message, "a.yaml") {
				t.Fatalf("message repeats the location: %q", got[0].Message)
			}
		})
	}
}

func TestPathsMissingFile(t *testing.T) {
	if _, err := Paths([]string{filepath.Join(t.TempDir(), "nope.yaml")}); err == nil {
		t.Fatal("want an error for a missing path")
	}
}

func TestFindingString(t *testing.T) {
	f := Finding{File: "a.yaml", Line: 3, Severity: SeverityError, Check: "c", Message: "m", Fix: "x"}
	if got := f.String(); got != "a.yaml:3: error: m (fix: x)" {
		t.Fatalf("got %q", got)
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{time.Minute: "1m", 90 * time.Second: "1m30s", 2 * time.Hour: "2h", 5 * time.Second: "5s", 90 * time.Minute: "1h30m"} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
