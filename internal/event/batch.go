package event

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	gojson "github.com/goccy/go-json"
)

// EncodeBatch renders normalized events as NDJSON, the queue's payload
// format: one message per accepted request keeps publishing cheap, and the
// format stays readable with any NATS tool.
func EncodeBatch(events []Event) ([]byte, error) {
	var buf []byte
	for i, e := range events {
		var err error
		if buf, err = AppendJSON(buf, e); err != nil {
			return nil, fmt.Errorf("encode event %d: %w", i, err)
		}
		buf = append(buf, '\n')
	}
	return buf, nil
}

// DecodeBatch reads a payload written by EncodeBatch. Numbers stay
// json.Number so that nothing is rounded on the way to the store. The
// payload is logstack's own output, so the faster goccy decoder reads it
// without a separate validation pass; a line it refuses is decoded again by
// encoding/json for an exact error.
func DecodeBatch(data []byte) ([]Event, error) {
	evs, _, err := DecodeBatchLines(data)
	return evs, err
}

// payloadMaxDepth only keeps Parse's nesting check out of the way: the
// inputs enforced the configured limit before the event was queued.
const payloadMaxDepth = 1 << 16

// DecodeBatchLines is DecodeBatch that also returns each event's line (a
// sub-slice of data), its exact JSON encoding, so the store can keep it
// without encoding the event again.
func DecodeBatchLines(data []byte) ([]Event, [][]byte, error) {
	n := bytes.Count(data, []byte{'\n'}) + 1
	out, lines := make([]Event, 0, n), make([][]byte, 0, n)
	line := 0
	for len(data) > 0 {
		line++
		var raw []byte
		raw, data, _ = bytes.Cut(data, []byte{'\n'})
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		e, ok := goccyDecode(raw)
		var err error
		if !ok {
			// What the fast path refuses, Parse explains, with the offset.
			e, err = Parse(raw, Limits{MaxDepth: payloadMaxDepth})
		}
		if err != nil {
			return out, lines, fmt.Errorf("queue payload line %d: %w", line, err)
		}
		out, lines = append(out, e), append(lines, bytes.TrimSpace(raw))
	}
	return out, lines, nil
}

// fastDecode decodes raw with goccy/go-json, about twice as fast as
// encoding/json for the map-shaped events logstack handles. goccy is
// lenient (it takes numbers such as 00), so encoding/json's validator, which
// is cheap next to decoding, decides what is JSON first. It reports false
// for anything refused or where a value follows the object, and callers
// then fall back to encoding/json, whose errors carry offsets. FuzzParse
// checks that the two decoders agree on every input the fast path takes.
func fastDecode(raw []byte) (Event, bool) {
	if !json.Valid(raw) {
		return nil, false
	}
	return goccyDecode(raw)
}

// goccyDecode is fastDecode without the validation, for queue payloads:
// logstack wrote them itself with AppendJSON, and JetStream checksums what
// it stores, so checking the syntax again would only cost time.
func goccyDecode(raw []byte) (Event, bool) {
	dec := gojson.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var e Event
	if err := dec.Decode(&e); err != nil || e == nil {
		return nil, false
	}
	// Nothing but space may follow the object. goccy's InputOffset cannot
	// tell: it undercounts by one byte per escape in a string (an ALB
	// event's event.original has dozens), which sent such events through
	// all three decoders; a second Decode reaching io.EOF can.
	var more any
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return nil, false
	}
	return e, true
}
