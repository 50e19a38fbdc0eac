package ruleeval

import (
	"time"

	"github.com/logstack/logstack/internal/rule"
)

// resolveAfter is how long an episode of r stays firing without a raw
// match. It is the one place that reads it: rule.Rule.ResolveAfter (the
// logstack rule key resolve_after, added by the rule package) will take
// precedence here once it exists; until then every rule gets the
// documented default, max(timeframe, realert, run_every).
func resolveAfter(r *rule.Rule, runEvery time.Duration) time.Duration {
	return max(r.Timeframe, r.Realert, runEvery)
}
