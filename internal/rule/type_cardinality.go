package rule

import "time"

// cardinality fires when the number of distinct cardinality_field values
// seen within timeframe (per query_key value) goes above max_cardinality,
// or stays below min_cardinality once timeframe has passed since the key's
// first event. A value counts until timeframe after it was last seen. After
// a match the key's timer restarts at its next event, so a min_cardinality
// key fires again only after new events and another timeframe.
type cardinality struct {
	qk             []string
	field          string
	timeframe      time.Duration
	max, min       int
	hasMax, hasMin bool
	values         map[groupKey]map[string]time.Time // last seen per value
	first          map[groupKey]time.Time
	out            []Match
}

func newCardinality(r *Rule) *cardinality {
	return &cardinality{qk: r.QueryKey, field: r.CardinalityField, timeframe: r.Timeframe,
		max: r.MaxCardinality, min: r.MinCardinality, hasMax: r.HasMaxCardinality, hasMin: r.HasMinCardinality,
		values: map[groupKey]map[string]time.Time{}, first: map[groupKey]time.Time{}}
}

func (c *cardinality) Add(events []Event) []Match {
	c.out = nil
	for _, ev := range events {
		k := keyOf(ev.Fields, c.qk)
		if c.values[k] == nil {
			c.values[k] = map[string]time.Time{}
		}
		if _, ok := c.first[k]; !ok {
			c.first[k] = ev.Time
		}
		v, ok := Lookup(ev.Fields, c.field)
		if !ok || v == nil {
			continue
		}
		c.values[k][valueText(v)] = ev.Time
		c.check(k, ev, true)
	}
	return c.out
}

// check is ElastAlert2's CardinalityRule.check_for_match: a possible match
// first prunes old values everywhere (gc), then checks again.
func (c *cardinality) check(k groupKey, ev Event, gc bool) {
	first, ok := c.first[k]
	if !ok {
		first = ev.Time
	}
	n := len(c.values[k])
	over := c.hasMax && n > c.max
	under := c.hasMin && n < c.min && ev.Time.Sub(first) > c.timeframe
	if !over && !under {
		return
	}
	if gc {
		c.prune(ev.Time)
		c.check(k, ev, false)
		return
	}
	delete(c.first, k)
	c.out = append(c.out, Match{Time: ev.Time, Key: k.value, HasKey: k.has, Count: n, Event: ev})
}

// Tick forgets values last seen more than timeframe before ts and, with
// min_cardinality, checks every key at ts.
func (c *cardinality) Tick(ts time.Time) []Match {
	c.out = nil
	c.prune(ts)
	return c.out
}

func (c *cardinality) prune(ts time.Time) {
	for _, k := range sortedKeys(c.values) {
		for v, last := range c.values[k] {
			if ts.Sub(last) > c.timeframe {
				delete(c.values[k], v)
			}
		}
		if c.hasMin {
			c.check(k, Event{Time: ts}, false)
		}
	}
}
