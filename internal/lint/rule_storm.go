package lint

import (
	"github.com/logstack/logstack/internal/rule"
)

// ruleFile is a loaded rule with the lines of its keys.
type ruleFile struct {
	r     *rule.Rule
	lines Lines
}

// ruleCheck is one static check over a rule.
type ruleCheck func(ruleFile) []Finding

// ruleChecks run on every rule file.
var ruleChecks = []ruleCheck{checkRealertStorm}

// checkRealertStorm flags realert 0 without aggregation: every match is
// sent at once, so a burst of errors becomes a burst of notifications. On
// an "any" rule every matching event alerts, which is an error.
func checkRealertStorm(f ruleFile) []Finding {
	r := f.r
	if r.Realert > 0 || r.Aggregates() {
		return nil
	}
	sev := SeverityWarning
	msg := "realert 0 without aggregation: every match notifies, a burst becomes an alert storm"
	if r.Type == rule.TypeAny {
		sev = SeverityError
		msg = "realert 0 without aggregation on an \"any\" rule: every matching event notifies, a burst becomes an alert storm"
	}
	return []Finding{{File: r.File, Line: f.lines.At("realert", "name"), Severity: sev, Check: "alert-storm",
		Message: msg, Fix: "realert: {minutes: 5}, or aggregation: {minutes: 5} to batch matches"}}
}
