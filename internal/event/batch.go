package event

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// EncodeBatch renders normalized events as NDJSON, the queue's payload
// format: one message per accepted request keeps publishing cheap, and the
// format stays readable with any NATS tool.
func EncodeBatch(events []Event) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i, e := range events {
		if err := enc.Encode(e); err != nil {
			return nil, fmt.Errorf("encode event %d: %w", i, err)
		}
	}
	return buf.Bytes(), nil
}

// DecodeBatch reads a payload written by EncodeBatch. Numbers stay
// json.Number so that nothing is rounded on the way to the store.
func DecodeBatch(data []byte) ([]Event, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []Event
	for line := 1; dec.More(); line++ {
		var e Event
		if err := dec.Decode(&e); err != nil {
			return out, fmt.Errorf("queue payload line %d: %w", line, err)
		}
		out = append(out, e)
	}
	return out, nil
}
