package rule

import (
	"slices"
	"time"
)

// change fires when the compare_key values of an event differ from those
// of the previous event with the same query_key value (and, with a
// timeframe, when that previous event is at most timeframe older). With
// ignore_null, an event lacking a value (or holding "", 0 or null, as
// ElastAlert2 treats falsy values) is skipped entirely; otherwise a
// missing value is a value. A match carries old_value and new_value, the
// lists of compare values before and at the change, as in ElastAlert2.
type change struct {
	r    *Rule
	last map[groupKey][]string
	raw  map[groupKey][]any // last's values as the event held them
	when map[groupKey]time.Time
}

func newChange(r *Rule) *change {
	return &change{r: r, last: map[groupKey][]string{}, raw: map[groupKey][]any{}, when: map[groupKey]time.Time{}}
}

// missingValue stands for a missing compare value; it is no valid text
// of a present one.
const missingValue = "\x00missing"

func (c *change) Add(events []Event) []Match {
	var out []Match
	for _, ev := range events {
		k := keyOf(ev.Fields, c.r.QueryKey)
		vals, raw, ok := c.values(ev)
		if !ok {
			continue
		}
		old := c.raw[k]
		prev, seen := c.last[k]
		changed := seen && !slices.Equal(prev, vals)
		if changed && c.r.Timeframe > 0 {
			if t, ok := c.when[k]; ok {
				changed = ev.Time.Sub(t) <= c.r.Timeframe
			}
		}
		c.last[k], c.raw[k] = vals, raw
		if c.r.Timeframe > 0 {
			c.when[k] = ev.Time
		}
		if changed {
			ev.Fields = withFields(ev.Fields, map[string]any{"old_value": old, "new_value": raw})
			out = append(out, Match{Time: ev.Time, Key: k.value, HasKey: k.has, Count: 1, Event: ev})
		}
	}
	return out
}

// values reads the compare keys, as text to compare and as held (nil
// when missing); ok is false when ignore_null skips ev.
func (c *change) values(ev Event) ([]string, []any, bool) {
	vals := make([]string, len(c.r.CompareKey))
	raw := make([]any, len(c.r.CompareKey))
	for i, f := range c.r.CompareKey {
		v, ok := Lookup(ev.Fields, f)
		if falsy(v, ok) && c.r.IgnoreNull {
			return nil, nil, false
		}
		if !ok || v == nil {
			vals[i] = missingValue
			continue
		}
		vals[i], raw[i] = valueText(v), v
	}
	return vals, raw, true
}

// falsy is Python's "not val" for JSON values other than booleans.
func falsy(v any, ok bool) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case float64:
		return x == 0
	case int:
		return x == 0
	case int64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return !ok
}

func (c *change) Tick(time.Time) []Match { return nil }
