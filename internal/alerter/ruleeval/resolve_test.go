package ruleeval

import (
	"testing"
	"time"

	"github.com/logstack/logstack/internal/rule"
)

// TestResolveAfter checks that resolve_after wins over the default, and
// that the default covers the longest of timeframe, realert and run_every.
func TestResolveAfter(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    rule.Rule
		want time.Duration
	}{
		{"resolve_after set", rule.Rule{ResolveAfter: 3 * time.Second, Timeframe: 5 * time.Minute}, 3 * time.Second},
		{"timeframe longest", rule.Rule{Timeframe: 5 * time.Minute, Realert: time.Minute}, 5 * time.Minute},
		{"realert longest", rule.Rule{Timeframe: time.Minute, Realert: 10 * time.Minute}, 10 * time.Minute},
		{"run_every longest", rule.Rule{}, 30 * time.Second},
	} {
		if got := resolveAfter(&tc.r, 30*time.Second); got != tc.want {
			t.Errorf("%s: resolveAfter = %s, want %s", tc.name, got, tc.want)
		}
	}
}
