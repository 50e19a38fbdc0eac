package event

import (
	"strings"
)

// Well-known field paths. Dotted names are paths into nested objects.
const (
	FieldTimestamp         = "@timestamp"
	FieldMessage           = "message"
	FieldID                = "event.id"
	FieldOriginalTimestamp = "event.original_timestamp"
	FieldTags              = "tags"
)

// Event is one log record: a JSON object decoded with numbers kept as
// json.Number, so that integers of any size survive a round trip unchanged.
// Nested objects are Event-shaped map[string]any values.
type Event map[string]any

// Get returns the value at a dotted path, looking first for nested objects
// and then for a literal dotted key, so that events from senders that flatten
// their keys ("event.id": "x") still resolve.
func (e Event) Get(path string) (any, bool) {
	if v, ok := e[path]; ok {
		return v, true
	}
	head, rest, found := strings.Cut(path, ".")
	if !found {
		return nil, false
	}
	child, ok := e[head].(map[string]any)
	if !ok {
		return nil, false
	}
	return Event(child).Get(rest)
}

// Set stores v at a dotted path, creating intermediate objects and replacing
// any non-object value that stands in the way.
func (e Event) Set(path string, v any) {
	head, rest, found := strings.Cut(path, ".")
	if !found {
		e[path] = v
		return
	}
	child, ok := e[head].(map[string]any)
	if !ok {
		child = map[string]any{}
		e[head] = child
	}
	Event(child).Set(rest, v)
}

// String returns the string at path, or "" when it is absent or not a string.
func (e Event) String(path string) string {
	v, _ := e.Get(path)
	s, _ := v.(string)
	return s
}

// ID returns the event's event.id, or "" before Normalize has run.
func (e Event) ID() string { return e.String(FieldID) }
