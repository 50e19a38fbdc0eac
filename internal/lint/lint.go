package lint

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/yamlsrc"
)

// Loaded is what a lint run read: the alarms and rules that loaded (kept
// with their key lines for the history checks) and the static findings.
type Loaded struct {
	Findings []Finding
	alarms   []alarmFile
	rules    []ruleFile
}

// Paths lints files and directories (walked for *.yaml and *.yml). A file
// with a top-level metric key is an alarm file; any other is a rule file.
// Files that fail to load become error findings with the loader's
// positions; an unreadable path is returned as an error.
func Paths(paths []string) (*Loaded, error) {
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	out := &Loaded{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("lint: %w", err)
		}
		out.add(file, data)
	}
	Sort(out.Findings)
	return out, nil
}

// add lints one file's content.
func (l *Loaded) add(file string, data []byte) {
	lines := keyLines(data)
	if isAlarmFile(lines) {
		a, err := alarm.Parse(file, data)
		if err != nil {
			l.Findings = append(l.Findings, loadFindings(file, err)...)
			return
		}
		l.alarms = append(l.alarms, alarmFile{a: a, lines: lines})
		l.Findings = append(l.Findings, Alarm(a, lines)...)
		return
	}
	r, err := rule.Load(file, data)
	if err != nil {
		l.Findings = append(l.Findings, loadFindings(file, err)...)
		return
	}
	l.rules = append(l.rules, ruleFile{r: r, lines: lines})
	l.Findings = append(l.Findings, Rule(r, lines)...)
}

// IsAlarmFile reports whether a YAML document is an alarm file rather than
// an ElastAlert2 rule, so one directory or command can hold both.
func IsAlarmFile(data []byte) bool { return isAlarmFile(keyLines(data)) }

// isAlarmFile tells alarm files from rule files by keys only alarm files
// have (ElastAlert2 rules have none of them).
func isAlarmFile(lines Lines) bool {
	for _, k := range []string{"metric", "comparison", "evaluation_periods"} {
		if _, ok := lines[k]; ok {
			return true
		}
	}
	return false
}

// Alarm runs the static alarm checks; lines locate the keys.
func Alarm(a *alarm.Alarm, lines Lines) []Finding {
	var out []Finding
	for _, c := range alarmChecks {
		out = append(out, c(alarmFile{a: a, lines: lines})...)
	}
	return out
}

// Rule runs the static rule checks; lines locate the keys.
func Rule(r *rule.Rule, lines Lines) []Finding {
	var out []Finding
	for _, c := range ruleChecks {
		out = append(out, c(ruleFile{r: r, lines: lines})...)
	}
	return out
}

// loadFindings turns a loader's joined problems into error findings.
func loadFindings(file string, err error) []Finding {
	var out []Finding
	for _, e := range flatten(err) {
		f := Finding{File: file, Severity: SeverityError, Check: "load", Message: e.Error(), Fix: "see the message"}
		var ap *alarm.Problem
		var rp *rule.Problem
		switch {
		case errors.As(e, &ap):
			f.Line, f.Message = ap.Line, strings.TrimPrefix(ap.Error(), location(ap.File, ap.Line, ap.Col))
		case errors.As(e, &rp):
			f.Line, f.Message = rp.Line, strings.TrimPrefix(rp.Error(), location(rp.File, rp.Line, rp.Col))
		}
		f.Fix = ""
		out = append(out, f)
	}
	return out
}

// location is the "file:line:col: " prefix the loaders' problems carry.
func location(file string, line, col int) string {
	s := file
	if line > 0 {
		s += fmt.Sprintf(":%d", line)
		if col > 0 {
			s += fmt.Sprintf(":%d", col)
		}
	}
	return s + ": "
}

// flatten lists the errors joined in err.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// expand lists the YAML files named by paths, directories walked in
// lexical order.
func expand(paths []string) ([]string, error) {
	files, err := yamlsrc.Files(paths...)
	if err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	return files, nil
}
