package lint

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/rule"
)

// ruleHistory runs the history checks of one rule: silent filters first;
// a rule that matched nothing needs no further check.
func ruleHistory(ctx context.Context, c Counter, f ruleFile, from, to time.Time) ([]Finding, error) {
	fs, err := checkRuleSilent(ctx, c, f, from, to)
	if err != nil || len(fs) > 0 {
		return fs, err
	}
	return checkFrequencyHistory(ctx, c, f, from, to)
}

// checkRuleSilent flags a rule whose filter matched no event in the
// window: usually a misspelt field or value, or a field renamed by a
// parser change, and the rule will never fire. Flatline rules are skipped:
// for them no matches is what they watch for.
func checkRuleSilent(ctx context.Context, c Counter, f ruleFile, from, to time.Time) ([]Finding, error) {
	r := f.r
	if r.Type == rule.TypeFlatline {
		return nil, nil
	}
	n, err := c.Count(ctx, r.Filter, from, to)
	if err != nil {
		return nil, fmt.Errorf("lint: count rule %s: %w", r.File, err)
	}
	if n > 0 {
		return nil, nil
	}
	return []Finding{{File: r.File, Line: f.lines.At("filter", "name"), Severity: SeverityWarning, Check: "rule-silent",
		Message: fmt.Sprintf("the filter matched no event in the last %s (query: %s)", windowText, query.String(r.Filter)),
		Fix:     "check field names and values with `logstack search`"}}, nil
}

// checkFrequencyHistory flags a frequency rule whose num_events no
// timeframe reached in the window. Counts come per aligned timeframe; a
// sliding timeframe overlaps at most two of them, so the sum of the two
// largest bounds every window's count (and every query_key's), and the
// finding is never a false alarm.
func checkFrequencyHistory(ctx context.Context, c Counter, f ruleFile, from, to time.Time) ([]Finding, error) {
	r := f.r
	if r.Type != rule.TypeFrequency || r.Timeframe <= 0 || r.NumEvents <= 0 {
		return nil, nil
	}
	counts, err := c.CountPer(ctx, r.Filter, from, to, r.Timeframe)
	if err != nil {
		return nil, fmt.Errorf("lint: count rule %s: %w", r.File, err)
	}
	bound := twoLargest(counts)
	if bound >= int64(r.NumEvents) {
		return nil, nil
	}
	msg := fmt.Sprintf("num_events %d was not reached in any %s timeframe in the last %s (at most %d events)",
		r.NumEvents, formatDuration(r.Timeframe), windowText, bound)
	return []Finding{{File: r.File, Line: f.lines.At("num_events", "name"), Severity: SeverityWarning, Check: "frequency-history",
		Message: msg, Fix: "lower num_events or widen timeframe if this rule should have fired"}}, nil
}

// twoLargest is the sum of the two largest counts.
func twoLargest(counts []int64) int64 {
	s := slices.Clone(counts)
	slices.Sort(s)
	var sum int64
	for i := len(s) - 1; i >= 0 && i >= len(s)-2; i-- {
		sum += s[i]
	}
	return sum
}
