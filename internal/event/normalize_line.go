package event

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

// NormalizeLine is Parse, Normalize and AppendJSON in one for an event
// given as JSON: it appends the normalized event's JSON line to dst and
// returns it with the event's id. For the common event (no dotted or
// duplicate keys, a parsable or absent @timestamp, an absent or scalar
// event.id) it checks raw in one pass and splices @timestamp and event.id
// into it, keeping the sender's key order and spacing, instead of
// building the event's map, the main cost of ingest. Any other event takes
// the map path, so the result always means what Parse+Normalize gives, and
// errors are Parse's, with their offsets.
func NormalizeLine(dst, raw []byte, lim Limits, now time.Time) ([]byte, string, error) {
	if out, id, ok := spliceLine(dst, raw, lim.maxDepth(), now); ok {
		return out, id, nil
	}
	e, err := Parse(raw, lim)
	if err != nil {
		return dst, "", err
	}
	Normalize(e, now)
	out, err := AppendJSON(dst, e)
	if err != nil {
		return dst, "", err
	}
	return out, e.ID(), nil
}

// span is a value's [start, end) in the line; start < 0 when absent.
type span struct{ start, end int }

func (s span) present() bool { return s.start >= 0 }

// lineScan is the state of one spliceLine check.
type lineScan struct {
	b        []byte
	maxDepth int
	ts       span // top-level @timestamp value
	event    span // top-level event value
	id       span // event.id value, inside an event object
}

// edit replaces b[at:end] with text (an insertion when end == at).
type edit struct {
	at, end int
	text    []byte
}

// spliceLine is NormalizeLine's fast path; false means "take the map path".
func spliceLine(dst, raw []byte, maxDepth int, now time.Time) ([]byte, string, bool) {
	s := lineScan{b: raw, maxDepth: maxDepth, ts: span{-1, -1}, event: span{-1, -1}, id: span{-1, -1}}
	open := skipSpace(raw, 0)
	if open == len(raw) || raw[open] != '{' {
		return dst, "", false
	}
	end, members, ok := s.object(open, 1, 0)
	if !ok || skipSpace(raw, end) != len(raw) {
		return dst, "", false
	}
	var edits []edit
	var scratch [96]byte
	ts, ok := s.timestamp(now)
	if !ok {
		return dst, "", false
	}
	tsText := appendQuotedTime(scratch[:0], ts)
	if s.ts.present() {
		edits = append(edits, edit{s.ts.start, s.ts.end, tsText})
	} else {
		// Inserted first; the event member, when inserted too, follows.
		edits = append(edits, member(open+1, "@timestamp", tsText, members > 0 || !s.event.present()))
	}
	id, idEdit, ok := s.eventID(now, open, members > 0)
	if !ok {
		return dst, "", false
	}
	if idEdit.text != nil {
		edits = append(edits, idEdit)
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.at - b.at })
	from := open
	for _, e := range edits {
		dst = append(append(dst, raw[from:e.at]...), e.text...)
		from = e.end
	}
	return append(dst, raw[from:end]...), id, true
}

// member renders the insertion of `"key":value` at position at, with the
// comma that separates it from members that follow.
func member(at int, key string, value []byte, more bool) edit {
	text := make([]byte, 0, len(key)+len(value)+4)
	text = append(append(append(text, '"'), key...), '"', ':')
	text = append(text, value...)
	if more {
		text = append(text, ',')
	}
	return edit{at: at, end: at, text: text}
}

func appendQuotedTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// timestamp returns the event's @timestamp as Normalize sets it; false when
// a value is there that Normalize would move to event.original_timestamp.
func (s *lineScan) timestamp(now time.Time) (time.Time, bool) {
	if !s.ts.present() {
		return now, true
	}
	raw := s.b[s.ts.start:s.ts.end]
	var v any
	switch c := raw[0]; {
	case c == '"':
		var ok bool
		if v, ok = stringValue(raw, bytes.IndexByte(raw, '\\') >= 0); !ok {
			return time.Time{}, false
		}
	case c == '-' || isDigit(c):
		v = json.Number(raw)
	default:
		return time.Time{}, false
	}
	return parseTimestamp(v)
}

// eventID returns the event's id as Normalize leaves it and the edit that
// puts it there (none when the sender's id stays as it is).
func (s *lineScan) eventID(now time.Time, open int, more bool) (string, edit, bool) {
	if !s.event.present() {
		id := NewID(now)
		obj := append(append([]byte(`{"id":"`), id...), '"', '}')
		return id, member(open+1, "event", obj, more), true
	}
	if s.b[s.event.start] != '{' {
		return "", edit{}, false // Normalize replaces it with an object
	}
	if !s.id.present() {
		id := NewID(now)
		empty := s.b[skipSpace(s.b, s.event.start+1)] == '}'
		return id, member(s.event.start+1, "id", quoted(id), !empty), true
	}
	raw := s.b[s.id.start:s.id.end]
	switch c := raw[0]; {
	case c == '"':
		v, ok := stringValue(raw, bytes.IndexByte(raw, '\\') >= 0)
		if !ok {
			return "", edit{}, false
		}
		if id := v.(string); id != "" {
			return id, edit{}, true
		}
	case c == 'n': // null
	case c == '-' || isDigit(c):
		return string(raw), edit{s.id.start, s.id.end, quoted(string(raw))}, true
	default:
		return "", edit{}, false
	}
	id := NewID(now)
	return id, edit{s.id.start, s.id.end, quoted(id)}, true
}

// quoted renders s, which needs no escaping (an id or a number), as a JSON
// string.
func quoted(s string) []byte {
	return append(append(append(make([]byte, 0, len(s)+2), '"'), s...), '"')
}

// Where an object sits, for spliceLine: the event itself, its "event"
// object, or anywhere else.
const (
	levelTop = iota
	levelEvent
	levelOther
)

// object checks the object whose "{" is at b[i] and returns the index
// after it and its number of members. It refuses (false) what the splice
// cannot keep exact: keys with a dot or an escape, and repeated keys.
func (s *lineScan) object(i, depth, level int) (int, int, bool) {
	if depth > s.maxDepth {
		return i, 0, false
	}
	var keysBuf [16][]byte
	keys := keysBuf[:0]
	i = skipSpace(s.b, i+1)
	if i < len(s.b) && s.b[i] == '}' {
		return i + 1, 0, true
	}
	for {
		if i >= len(s.b) || s.b[i] != '"' {
			return i, 0, false
		}
		end, escaped, ok := scanString(s.b, i)
		key := s.b[i+1 : max(end-1, i+1)]
		if !ok || escaped || bytes.IndexByte(key, '.') >= 0 || containsKey(keys, key) {
			return i, 0, false
		}
		keys = append(keys, key)
		i = skipSpace(s.b, end)
		if i >= len(s.b) || s.b[i] != ':' {
			return i, 0, false
		}
		start := skipSpace(s.b, i+1)
		if i, ok = s.value(start, depth, childLevel(level, key)); !ok {
			return i, 0, false
		}
		s.note(level, key, span{start, i})
		i = skipSpace(s.b, i)
		switch {
		case i < len(s.b) && s.b[i] == ',':
			i = skipSpace(s.b, i+1)
		case i < len(s.b) && s.b[i] == '}':
			return i + 1, len(keys), true
		default:
			return i, 0, false
		}
	}
}

func childLevel(level int, key []byte) int {
	if level == levelTop && string(key) == "event" {
		return levelEvent
	}
	return levelOther
}

// note records the spans spliceLine edits.
func (s *lineScan) note(level int, key []byte, v span) {
	switch {
	case level == levelTop && string(key) == FieldTimestamp:
		s.ts = v
	case level == levelTop && string(key) == "event":
		s.event = v
	case level == levelEvent && string(key) == "id":
		s.id = v
	}
}

func containsKey(keys [][]byte, key []byte) bool {
	for _, k := range keys {
		if bytes.Equal(k, key) {
			return true
		}
	}
	return false
}

// value checks the value starting at b[i]; level is the level an object
// there would have.
func (s *lineScan) value(i, depth, level int) (int, bool) {
	if i >= len(s.b) {
		return i, false
	}
	switch c := s.b[i]; {
	case c == '{':
		end, _, ok := s.object(i, depth+1, level)
		return end, ok
	case c == '[':
		return s.array(i, depth+1)
	case c == '"':
		end, _, ok := scanString(s.b, i)
		return end, ok
	case c == 't':
		return literalEnd(s.b, i, "true")
	case c == 'f':
		return literalEnd(s.b, i, "false")
	case c == 'n':
		return literalEnd(s.b, i, "null")
	}
	return scanNumber(s.b, i)
}

func literalEnd(b []byte, i int, word string) (int, bool) {
	if !bytes.HasPrefix(b[i:], []byte(word)) {
		return i, false
	}
	return i + len(word), true
}

// array checks the array whose "[" is at b[i].
func (s *lineScan) array(i, depth int) (int, bool) {
	if depth > s.maxDepth {
		return i, false
	}
	return scanArray(s.b, i, func(i int) (int, bool) { return s.value(i, depth, levelOther) })
}
