package httpin

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/logstack/logstack/internal/event"
)

// parseIngest reads a POST /ingest body: a JSON array of objects when its
// first non-space byte is "[", otherwise NDJSON (a single object being the
// one-line case, and a pretty-printed single object accepted too). It
// returns every event or the first problem, never a part of the body.
func parseIngest(body []byte, lim event.Limits, maxEvents int) ([]event.Event, *requestError) {
	start := skipSpace(body, 0)
	switch {
	case start == len(body):
		return nil, malformed("empty body: send a JSON object, an array of objects or NDJSON", 0, -1)
	case body[start] == '[':
		return parseArray(body, start, lim, maxEvents)
	default:
		return parseNDJSON(body, lim, maxEvents)
	}
}

func parseNDJSON(body []byte, lim event.Limits, maxEvents int) ([]event.Event, *requestError) {
	var events []event.Event
	for n, line := range event.Lines(body) {
		e, err := event.Parse(line, lim)
		if err != nil {
			if len(events) == 0 && incomplete(err) {
				return parseMultilineObject(body, lim, n, err)
			}
			return nil, malformed(fmt.Sprintf("line %d: %v", n, err), n, -1)
		}
		if len(events) == maxEvents {
			return nil, tooMany(maxEvents)
		}
		events = append(events, e)
	}
	return events, nil
}

// parseMultilineObject handles a body whose first line is an unfinished
// object: most likely one pretty-printed object (curl -d @event.json). If it
// is not one either, the error that explains more is reported.
func parseMultilineObject(body []byte, lim event.Limits, line int, lineErr error) ([]event.Event, *requestError) {
	e, err := event.Parse(body, lim)
	if err == nil {
		return []event.Event{e}, nil
	}
	var pe *event.ParseError
	if errors.As(err, &pe) && !strings.HasPrefix(pe.Msg, "unexpected data after") {
		at := 1 + bytes.Count(body[:pe.Offset], []byte{'\n'})
		return nil, malformed(fmt.Sprintf("line %d: %v", at, err), at, pe.Offset)
	}
	return nil, malformed(fmt.Sprintf("line %d: %v", line, lineErr), line, -1)
}

// incomplete reports whether a parse failed only because the input ended.
func incomplete(err error) bool {
	var pe *event.ParseError
	return errors.As(err, &pe) && strings.HasPrefix(pe.Msg, "unexpected end of JSON input")
}

// parseArray splits a top-level JSON array into its elements with a
// string-aware scan and parses each with event.Parse, so that every error
// carries its exact byte offset in the body.
func parseArray(body []byte, open int, lim event.Limits, maxEvents int) ([]event.Event, *requestError) {
	var events []event.Event
	i := open + 1
	for n := 0; ; n++ {
		i = skipSpace(body, i)
		if n == 0 && i < len(body) && body[i] == ']' {
			return closeArray(events, body, i+1)
		}
		end, last := elementEnd(body, i)
		if end == len(body) {
			return nil, malformed(fmt.Sprintf("unexpected end of JSON input at byte %d: the array is not closed", end), 0, end)
		}
		e, err := event.Parse(body[i:end], lim)
		if err != nil {
			var pe *event.ParseError
			errors.As(err, &pe)
			off := i + pe.Offset
			return nil, malformed(fmt.Sprintf("array element %d: %s at byte %d", n, pe.Msg, off), 0, off)
		}
		if len(events) == maxEvents {
			return nil, tooMany(maxEvents)
		}
		events = append(events, e)
		i = end + 1
		if last {
			return closeArray(events, body, i)
		}
	}
}

// elementEnd returns the index of the "," or "]" that ends the array
// element starting at i (len(body) when there is none) and whether it was
// the "]". Brackets only nest; whether they match is left to event.Parse.
func elementEnd(body []byte, i int) (int, bool) {
	depth := 0
	inString, escaped := false, false
	for ; i < len(body); i++ {
		c := body[i]
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
		case depth == 0 && (c == ',' || c == ']'):
			return i, c == ']'
		case c == '}' || c == ']':
			depth = max(depth-1, 0)
		}
	}
	return len(body), false
}

// closeArray accepts events once only whitespace follows the array.
func closeArray(events []event.Event, body []byte, i int) ([]event.Event, *requestError) {
	if j := skipSpace(body, i); j < len(body) {
		return nil, malformed(fmt.Sprintf("unexpected data after the JSON array at byte %d", j), 0, j)
	}
	if len(events) == 0 {
		return nil, malformed("empty array: send at least one object", 0, -1)
	}
	return events, nil
}

func tooMany(maxEvents int) *requestError {
	return tooLarge(fmt.Sprintf("more than %d events in one request: split it", maxEvents))
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
