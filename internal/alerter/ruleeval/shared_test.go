package ruleeval

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// Rules reading through the shared, in-memory-matched read fire exactly
// as rules reading with their own filtered queries, late events included,
// and stop querying the store on their own after the first run.
func TestSharedReadMatchesOwnQueries(t *testing.T) {
	s := openStore(t)
	rules := []string{
		frequencyRule,
		"name: any errors\ntype: any\nrealert: {minutes: 0}\nfilter:\n- term: {log.level: error}\n",
		"name: quiet b\ntype: flatline\nthreshold: 2\ntimeframe: {minutes: 3}\nfilter:\n- term: {host.name: b}\n",
		"name: api words\ntype: any\nrealert: {minutes: 0}\nfilter:\n- match_phrase: {message: \"m\"}\n- term: {service.name: api}\n",
	}
	own, _ := newEval(t, s, Options{}, loadRules(t, rules)...)
	shared, _ := newEval(t, s, Options{MatchInMemory: true}, loadRules(t, rules)...)
	shared.minShared = 1
	put(t, s, errorsAt(minutes(-10), "b", "b-old", 3)...)
	for k := 0; k <= 8; k++ {
		if k%2 == 0 {
			put(t, s, errorsAt(minutes(k).Add(-20*time.Second), "a", fmt.Sprintf("a%d", k), 3)...)
		}
		if k == 5 { // late: lands two minutes before the previous run's end
			put(t, s, errorsAt(minutes(k-3), "b", "late", 2)...)
		}
		a, b := keys(t, own, minutes(k)), keys(t, shared, minutes(k))
		if !slices.Equal(a, b) {
			t.Fatalf("minute %d: own queries fire %v, shared read fires %v", k, a, b)
		}
	}
	for _, name := range []string{"api errors", "any errors", "quiet b", "api words"} {
		if a, b := metric(t, own, "matches", name), metric(t, shared, "matches", name); a != b || (name == "any errors" && a != 3+5*3+2) {
			t.Errorf("%s: %v raw matches with own queries, %v with the shared read", name, a, b)
		}
	}
	if q := metric(t, shared, "queries", "any errors"); q != 1 {
		t.Errorf("shared mode: the rule ran %v queries of its own, want 1 (the warm-up)", q)
	}
}
