package rule

import (
	"strconv"
	"strings"
	"time"
)

// Event is one event the rule's filter matched, as the alerter hands it to
// a rule type: its @timestamp and its fields (flat dotted keys such as
// "aws.elb.name" or nested maps, both are looked up).
type Event struct {
	Time   time.Time
	Fields map[string]any
}

// Match is a rule type firing, before realert and aggregation.
type Match struct {
	// Time is when the match happened in event time: the newest event in
	// the window for frequency, the run's end or newest event for flatline.
	Time time.Time
	// Key is the query_key value ("" when the rule has no query_key or the
	// event lacks the field; HasKey tells them apart).
	Key    string
	HasKey bool
	// Count is the number of events behind the match (frequency: the
	// window's count; flatline: the count that stayed under threshold).
	Count int
	// Event is the event ElastAlert2 would attach to the match.
	Event Event
}

// queryKey computes an event's query_key value the way ElastAlert2 does:
// one field's value, or for a list the values joined with ", " (its
// compound query key, where a missing value reads "None"). ok is false
// when a single query_key field is missing.
func queryKey(fields map[string]any, keys []string) (string, bool) {
	if len(keys) == 0 {
		return "", false
	}
	vals := make([]string, 0, len(keys))
	for _, k := range keys {
		v, ok := Lookup(fields, k)
		if !ok || v == nil {
			if len(keys) == 1 {
				return "", false
			}
			v = "None" // ElastAlert2 joins str(None) into compound keys
		}
		vals = append(vals, valueText(v))
	}
	return strings.Join(vals, ", "), true
}

// Lookup finds a dotted field name in fields, as a flat key first, then
// through nested maps.
func Lookup(fields map[string]any, name string) (any, bool) {
	if v, ok := fields[name]; ok {
		return v, true
	}
	head, rest, found := strings.Cut(name, ".")
	for found {
		if sub, ok := fields[head].(map[string]any); ok {
			if v, ok := Lookup(sub, rest); ok {
				return v, true
			}
		}
		var next string
		next, rest, found = strings.Cut(rest, ".")
		head += "." + next
	}
	return nil, false
}

// valueText renders a field value as a key: whole numbers without a
// fraction, as in the event's JSON.
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(fmtAny(v), "\n", " "), "\t", " "))
}
