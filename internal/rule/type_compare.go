package rule

import "time"

// compareType matches single events by one field's value: blacklist
// (the value is listed) and whitelist (the value is not listed; a missing
// value matches unless ignore_null). Values compare as text, so a listed
// 500 matches the number 500 and the string "500" (ElastAlert2 compares
// Python values, where they differ).
type compareType struct {
	qk         []string
	field      string
	set        map[string]bool
	listed     bool // match when listed (blacklist) or when not (whitelist)
	ignoreNull bool
}

func newCompare(r *Rule, list []string, listed bool) *compareType {
	set := make(map[string]bool, len(list))
	for _, v := range list {
		set[v] = true
	}
	field := ""
	if len(r.CompareKey) > 0 {
		field = r.CompareKey[0]
	}
	return &compareType{qk: r.QueryKey, field: field, set: set, listed: listed, ignoreNull: r.IgnoreNull}
}

func (c *compareType) Add(events []Event) []Match {
	var out []Match
	for _, ev := range events {
		if !c.matches(ev) {
			continue
		}
		k, ok := queryKey(ev.Fields, c.qk)
		out = append(out, Match{Time: ev.Time, Key: k, HasKey: ok, Count: 1, Event: ev})
	}
	return out
}

func (c *compareType) matches(ev Event) bool {
	v, ok := Lookup(ev.Fields, c.field)
	if !ok || v == nil {
		// A missing value is never blacklisted; for a whitelist it matches
		// unless ignore_null.
		return !c.listed && !c.ignoreNull
	}
	return c.set[valueText(v)] == c.listed
}

func (c *compareType) Tick(time.Time) []Match { return nil }
