package ruleeval

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	gojson "github.com/goccy/go-json"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/rule"
)

// errBadHit marks a stored document the evaluator cannot use; such hits
// are counted and skipped, never fatal to the run.
var errBadHit = errors.New("unusable hit")

// decodeHit turns one stored JSON document into the event a rule type
// takes and its identity: the time and a hash of event.id (a document
// without one, which the store never returns, is identified by its text).
func decodeHit(doc json.RawMessage) (rule.Event, seenEvent, error) {
	var fields map[string]any
	// The store keeps documents that ingest validated, so the faster
	// goccy decoder is safe here; it yields the same values (float64
	// numbers) as encoding/json.
	if err := gojson.Unmarshal(doc, &fields); err != nil || fields == nil {
		return rule.Event{}, seenEvent{}, fmt.Errorf("%w: not a JSON object", errBadHit)
	}
	raw, _ := rule.Lookup(fields, "@timestamp")
	ts, ok := event.ParseTimestamp(raw)
	if !ok {
		return rule.Event{}, seenEvent{}, fmt.Errorf("%w: no usable @timestamp", errBadHit)
	}
	ts = ts.UTC()
	id := string(doc)
	if v, ok := rule.Lookup(fields, "event.id"); ok && v != nil {
		id = idText(v)
	}
	return rule.Event{Time: ts, Fields: fields}, seenEvent{ts: ts.UnixNano(), id: hashID(id)}, nil
}

// idText renders an event.id value (a string after normalization).
func idText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
