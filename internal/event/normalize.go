package event

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"strings"
	"time"
)

// Normalize gives an event the shape every downstream stage relies on: dotted
// keys expanded into nested objects, an @timestamp in RFC 3339 UTC with
// nanoseconds (receive time when absent or unparsable, the original kept in
// event.original_timestamp) and an event.id (the sender's, when supplied).
// It returns the event's timestamp.
func Normalize(e Event, now time.Time) time.Time {
	expandDotted(e)
	ts, ok := parseTimestamp(e[FieldTimestamp])
	if !ok {
		if orig, present := e[FieldTimestamp]; present {
			e.Set(FieldOriginalTimestamp, orig)
		}
		ts = now
	}
	e[FieldTimestamp] = FormatTimestamp(ts)
	if id, _ := e.Get(FieldID); id == nil || id == "" {
		e.Set(FieldID, NewID(now))
	} else if _, isString := id.(string); !isString {
		e.Set(FieldID, toString(id))
	}
	return ts
}

// FormatTimestamp renders t the way logstack stores @timestamp.
func FormatTimestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// ParseTimestamp reads an @timestamp value as Normalize does: RFC 3339 (any
// fraction, any offset), a date-time without offset taken as UTC, or a number
// of epoch milliseconds (Elasticsearch's default date format).
func ParseTimestamp(v any) (time.Time, bool) { return parseTimestamp(v) }

var layoutsWithoutZone = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
}

func parseTimestamp(v any) (time.Time, bool) {
	switch t := v.(type) {
	case string:
		if ts, err := time.Parse(time.RFC3339Nano, t); err == nil {
			return ts, true
		}
		for _, layout := range layoutsWithoutZone {
			if ts, err := time.Parse(layout, t); err == nil {
				return ts, true
			}
		}
	case json.Number:
		if ms, err := t.Int64(); err == nil {
			return time.UnixMilli(ms), true
		}
		if f, err := t.Float64(); err == nil {
			return time.Unix(0, int64(f*1e6)), true
		}
	case float64:
		return time.Unix(0, int64(t*1e6)), true
	}
	return time.Time{}, false
}

// NewID returns a fresh event id: 48 bits of milliseconds then 80 random
// bits, base32-encoded (26 characters) so that ids sort by creation time,
// which keeps store indexes and Elasticsearch _id lookups local.
func NewID(now time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16)
	_, _ = rand.Read(b[6:])
	return encodeBase32(b)
}

const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

func encodeBase32(b [16]byte) string {
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	var out [26]byte
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}

func toString(v any) string {
	switch t := v.(type) {
	case json.Number:
		return t.String()
	default:
		b, _ := json.Marshal(t)
		return strings.Trim(string(b), `"`)
	}
}

// expandDotted rewrites {"a.b": 1} into {"a": {"b": 1}} at every level, as
// Elasticsearch does for field paths, so that queries need one lookup rule.
// A key whose path collides with a non-object value is left as it is: no
// value is ever dropped.
func expandDotted(m map[string]any) {
	for k, v := range m {
		if child, ok := v.(map[string]any); ok {
			expandDotted(child)
		}
		if !strings.Contains(k, ".") || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") || strings.Contains(k, "..") {
			continue
		}
		if placeDotted(m, k, v) {
			delete(m, k)
		}
	}
}

func placeDotted(m map[string]any, path string, v any) bool {
	head, rest, found := strings.Cut(path, ".")
	if !found {
		if existing, ok := m[head]; ok {
			em, eok := existing.(map[string]any)
			vm, vok := v.(map[string]any)
			if !eok || !vok {
				return false
			}
			for k, x := range vm {
				if _, dup := em[k]; dup {
					return false
				}
				em[k] = x
			}
			return true
		}
		m[head] = v
		return true
	}
	child, ok := m[head]
	if !ok {
		c := map[string]any{}
		m[head] = c
		return placeDotted(c, rest, v)
	}
	cm, ok := child.(map[string]any)
	if !ok {
		return false
	}
	return placeDotted(cm, rest, v)
}
