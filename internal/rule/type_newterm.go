package rule

import (
	"strings"
	"time"
)

// Historian is a rule type that needs history before its first run:
// new_term must know the terms of the last terms_window_size, or every
// term would look new after a restart. The live evaluator calls Seed once
// with the filter's events of [first run - History(), first run window
// start) before the first Add; `logstack rules test` seeds it with the
// events before --from.
type Historian interface {
	// History is how far back before the first run Seed wants events.
	History() time.Duration
	// Seed learns from past events without producing matches.
	Seed(events []Event)
}

var _ Historian = (*newTerm)(nil)

// newTerm fires on the first event whose value of a watched field (or
// combination of fields) was not seen before, in the history given to
// Seed or in an earlier event; one match per field and event. Values stay
// known for the rule's lifetime, as in ElastAlert2, where they are only
// forgotten on restart.
type newTerm struct {
	r      *Rule
	fields [][]string
	seen   []map[string]bool // per entry of fields
}

func newNewTerm(r *Rule) *newTerm {
	fields := r.NewTermFields
	if len(fields) == 0 && len(r.QueryKey) > 0 {
		fields = [][]string{r.QueryKey}
	}
	seen := make([]map[string]bool, len(fields))
	for i := range seen {
		seen[i] = map[string]bool{}
	}
	return &newTerm{r: r, fields: fields, seen: seen}
}

func (n *newTerm) History() time.Duration { return n.r.TermsWindowSize }

func (n *newTerm) Seed(events []Event) {
	for _, ev := range events {
		for i, f := range n.fields {
			for _, t := range terms(ev.Fields, f) {
				n.seen[i][t] = true
			}
		}
	}
}

func (n *newTerm) Add(events []Event) []Match {
	var out []Match
	for _, ev := range events {
		for i, f := range n.fields {
			ts := terms(ev.Fields, f)
			if len(ts) == 0 {
				if n.r.AlertOnMissingField {
					out = append(out, n.match(ev, "missing_field", f))
				}
				continue
			}
			isNew := false
			for _, t := range ts {
				if !n.seen[i][t] {
					isNew = true
					n.seen[i][t] = true
				}
			}
			if isNew {
				out = append(out, n.match(ev, "new_field", f))
			}
		}
	}
	return out
}

func (n *newTerm) Tick(time.Time) []Match { return nil }

// match copies the event and names the field, as ElastAlert2 adds
// new_field or missing_field to the document (a list for composite terms).
func (n *newTerm) match(ev Event, key string, f []string) Match {
	fields := make(map[string]any, len(ev.Fields)+1)
	for k, v := range ev.Fields {
		fields[k] = v
	}
	if len(f) == 1 {
		fields[key] = f[0]
	} else {
		l := make([]any, len(f))
		for i, s := range f {
			l[i] = s
		}
		fields[key] = l
	}
	k := keyOf(ev.Fields, n.r.QueryKey)
	e := Event{Time: ev.Time, Fields: fields}
	return Match{Time: ev.Time, Key: k.value, HasKey: k.has, Count: 1, Event: e}
}

// terms lists an event's terms for one entry of fields: each value of an
// array field is a term (as Elasticsearch's terms aggregation counts
// them); a composite entry is one term joined from its fields' values. A
// value that Python finds false (missing, null, "", 0, false, []) is no
// term, as in ElastAlert2.
func terms(fields map[string]any, f []string) []string {
	if len(f) == 1 {
		v, _ := Lookup(fields, f[0])
		if l, ok := v.([]any); ok {
			var out []string
			for _, e := range l {
				if !pyFalsy(e) {
					out = append(out, valueText(e))
				}
			}
			return out
		}
		if pyFalsy(v) {
			return nil
		}
		return []string{valueText(v)}
	}
	parts := make([]string, len(f))
	for i, name := range f {
		v, _ := Lookup(fields, name)
		if pyFalsy(v) {
			return nil
		}
		parts[i] = valueText(v)
	}
	return []string{strings.Join(parts, "\x00")}
}

// pyFalsy is Python's "not value" for JSON values, booleans included.
func pyFalsy(v any) bool {
	if b, ok := v.(bool); ok {
		return !b
	}
	return falsy(v, v != nil)
}
