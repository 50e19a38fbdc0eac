package rule

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/logstack/logstack/internal/event"
)

// ErrBadEvent classifies an NDJSON line ReadEvents cannot use; it is
// permanent.
var ErrBadEvent = errors.New("bad event")

// maxEventLine bounds one NDJSON line, as the ingest path does for events.
const maxEventLine = 4 << 20

// ReadEvents reads NDJSON events (one JSON object per line, blank lines
// skipped) for a replay. Each needs an @timestamp that logstack's ingest
// accepts (event.ParseTimestamp). Every bad line is reported as
// "name:line: reason", wrapping ErrBadEvent, so all of them can be fixed at
// once; the good events are returned either way.
func ReadEvents(r io.Reader, name string) ([]Event, []error) {
	var events []Event
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxEventLine)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		ev, err := parseEvent([]byte(text))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w: %s", name, line, ErrBadEvent, err))
			continue
		}
		events = append(events, ev)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w: %w", name, line+1, ErrBadEvent, err))
	}
	return events, errs
}

func parseEvent(b []byte) (Event, error) {
	var fields map[string]any
	if err := json.Unmarshal(b, &fields); err != nil {
		return Event{}, fmt.Errorf("not a JSON object: %v", err)
	}
	if fields == nil {
		return Event{}, errors.New("not a JSON object: null")
	}
	raw, ok := fields[timestampField]
	if !ok {
		return Event{}, errors.New("missing @timestamp")
	}
	ts, ok := event.ParseTimestamp(raw)
	if !ok {
		return Event{}, fmt.Errorf("@timestamp %v is not an RFC 3339 time or epoch milliseconds", raw)
	}
	return Event{Time: ts.UTC(), Fields: fields}, nil
}
