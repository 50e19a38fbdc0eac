package ruleeval

import (
	"time"

	"github.com/logstack/logstack/internal/rule"
)

// resolveAfter is how long an episode of r stays firing without a raw
// match: the rule's resolve_after when set, otherwise the documented
// default max(timeframe, realert, run_every), long enough that a rule
// still matching is never resolved between two of its matches.
func resolveAfter(r *rule.Rule, runEvery time.Duration) time.Duration {
	if r.ResolveAfter > 0 {
		return r.ResolveAfter
	}
	return max(r.Timeframe, r.Realert, runEvery)
}
