package rule

import (
	"fmt"
	"sort"
	"time"
)

// Type is a rule type's state: it is fed the events each run found and
// told when each run ends, in simulated time, and never reads a clock.
// The alerter's loop (or `logstack rules test`) calls Add once per run
// with that run's events sorted by time, then Tick with the run's end;
// this is ElastAlert2's add_data then garbage_collect.
type Type interface {
	// Add feeds one run's matched events and returns the matches they make.
	Add(events []Event) []Match
	// Tick ends a run at ts: windows are pruned, and rule types that fire on
	// the absence of events (flatline) fire here.
	Tick(ts time.Time) []Match
}

// NewType builds the state of r's rule type.
func NewType(r *Rule) (Type, error) {
	switch r.Type {
	case TypeAny:
		return &anyType{qk: r.QueryKey}, nil
	case TypeFrequency:
		return newFrequency(r), nil
	case TypeFlatline:
		return newFlatline(r), nil
	case TypeCardinality:
		return newCardinality(r), nil
	case TypeSpike:
		return newSpike(r), nil
	case TypeChange:
		return newChange(r), nil
	case TypeBlacklist:
		return newCompare(r, r.Blacklist, true), nil
	case TypeWhitelist:
		return newCompare(r, r.Whitelist, false), nil
	case TypeNewTerm:
		return newNewTerm(r), nil
	case TypeMetricAgg:
		return newMetricAgg(r), nil
	case TypeSpikeAgg:
		return newSpikeAgg(r), nil
	case TypePercentage:
		return newPercentage(r), nil
	}
	return nil, fmt.Errorf("rule %q: type %q: %w", r.Name, r.Type, ErrUnsupported)
}

// anyType matches every event (ElastAlert2's "any").
type anyType struct{ qk []string }

func (a *anyType) Add(events []Event) []Match {
	out := make([]Match, 0, len(events))
	for _, ev := range events {
		k, ok := queryKey(ev.Fields, a.qk)
		out = append(out, Match{Time: ev.Time, Key: k, HasKey: ok, Count: 1, Event: ev})
	}
	return out
}

func (a *anyType) Tick(time.Time) []Match { return nil }

// groupKey is a window's map key: the query_key value, or a marker for
// events without one (ElastAlert2's None and "all" keys).
type groupKey struct {
	value string
	has   bool
}

func keyOf(fields map[string]any, qk []string) groupKey {
	v, ok := queryKey(fields, qk)
	return groupKey{value: v, has: ok}
}

// sortedKeys lists map keys in a fixed order so results are reproducible.
func sortedKeys[V any](m map[groupKey]V) []groupKey {
	keys := make([]groupKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].has != keys[j].has {
			return !keys[i].has
		}
		return keys[i].value < keys[j].value
	})
	return keys
}
