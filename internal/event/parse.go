package event

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// DefaultMaxDepth is the nesting limit used when Limits.MaxDepth is not set:
// deep enough for any real log record, shallow enough that a hostile body
// cannot make decoding or the store's JSON functions recurse without bound.
const DefaultMaxDepth = 64

// Limits bounds what Parse accepts from untrusted senders.
type Limits struct {
	// MaxDepth is the deepest nesting of objects and arrays allowed; the
	// event itself is depth 1. Zero or less means DefaultMaxDepth.
	MaxDepth int
}

func (l Limits) maxDepth() int {
	if l.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return l.MaxDepth
}

// ParseError says why and where Parse rejected its input, so that inputs can
// tell a sender which byte of which line to fix instead of a bare "bad JSON".
type ParseError struct {
	// Offset is the 0-based index of the first offending byte in the parsed
	// input (its length when the input ended too early).
	Offset int
	// Msg is the reason, without the offset.
	Msg string
}

// Error renders the reason and the offset, e.g. "invalid UTF-8 at byte 17".
func (e *ParseError) Error() string { return fmt.Sprintf("%s at byte %d", e.Msg, e.Offset) }

// Parse decodes exactly one JSON object into an Event. It rejects what
// encoding/json would accept silently or too late: invalid UTF-8 (which it
// would replace with U+FFFD), nesting deeper than lim.MaxDepth, a top-level
// value that is not an object, and data after the object. Numbers stay
// json.Number. Every error is a *ParseError.
func Parse(raw []byte, lim Limits) (Event, error) {
	start := skipSpace(raw, 0)
	if start == len(raw) {
		return nil, &ParseError{Offset: start, Msg: "empty input, expected a JSON object"}
	}
	if kind := valueKind(raw[start]); kind != "object" && kind != "" {
		return nil, &ParseError{Offset: start, Msg: "expected a JSON object, got " + kind}
	}
	if err := checkBytes(raw, lim.maxDepth()); err != nil {
		return nil, err
	}
	if e, ok := fastDecode(raw); ok {
		return e, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var e Event
	if err := dec.Decode(&e); err != nil {
		return nil, syntaxError(raw, err)
	}
	if end := skipSpace(raw, int(dec.InputOffset())); end < len(raw) {
		return nil, &ParseError{Offset: end, Msg: "unexpected data after the JSON object"}
	}
	return e, nil
}

// valueKind names the JSON value a first byte starts, "" when it starts none.
func valueKind(c byte) string {
	switch {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == '-' || (c >= '0' && c <= '9'):
		return "number"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	}
	return ""
}

// checkBytes is the single pass over raw that finds what encoding/json does
// not report: invalid UTF-8 and excessive nesting.
func checkBytes(raw []byte, maxDepth int) *ParseError {
	depth := 0
	inString, escaped := false, false
	for i := 0; i < len(raw); {
		c := raw[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				return &ParseError{Offset: i, Msg: "invalid UTF-8"}
			}
			i += size
			escaped = false
			continue
		}
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			if depth > maxDepth {
				return &ParseError{Offset: i, Msg: fmt.Sprintf("nesting deeper than %d", maxDepth)}
			}
		case c == '}' || c == ']':
			depth--
		}
		i++
	}
	return nil
}

// syntaxError converts a decoding error into a ParseError pointing at the
// offending byte rather than just past it.
func syntaxError(raw []byte, err error) *ParseError {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &ParseError{Offset: max(int(se.Offset)-1, 0), Msg: se.Error()}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &ParseError{Offset: len(raw), Msg: "unexpected end of JSON input"}
	}
	return &ParseError{Offset: 0, Msg: err.Error()}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
