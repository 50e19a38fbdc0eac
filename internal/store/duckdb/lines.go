package duckdb

import (
	"context"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// queueLineDepth only keeps Parse's nesting check out of the way: the
// inputs enforced the configured limit before the event was queued.
const queueLineDepth = 1 << 16

// WriteLines is Write for events given as their JSON lines, as the indexer
// holds them from the queue payload: lines[i] is one normalized event, and
// it is stored as the event's document byte for byte. The columns are
// picked from the line without decoding the event into maps; only a line
// the picker defers on (an object where a column wants a value, a
// duplicate or dotted key on a column's path, invalid JSON) is decoded in
// full. A line that is not a JSON object is rejected with the reason.
func (s *Store) WriteLines(ctx context.Context, lines [][]byte) (store.WriteResult, error) {
	if s.closed.Load() {
		return store.WriteResult{}, ErrClosed
	}
	start := time.Now()
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.closed.Load() {
		return store.WriteResult{}, ErrClosed
	}
	converted := make([]row, len(lines))
	reasons := make([]string, len(lines))
	parallel(len(lines), func(i int) {
		converted[i], reasons[i] = s.convertLine(lines[i])
		if reasons[i] == "" {
			converted[i].doc = string(lines[i])
		}
	})
	var res store.WriteResult
	rows := dedupBatch(converted, reasons, &res)
	return s.write(ctx, start, rows, res)
}

// convertLine extracts the columns of one event from its JSON line.
func (s *Store) convertLine(line []byte) (row, string) {
	vals := make([]any, len(s.sch.pickPaths))
	if s.sch.picker.Pick(line, vals) && vals[0] != nil {
		return s.convertValues(vals)
	}
	e, err := event.Parse(line, event.Limits{MaxDepth: queueLineDepth})
	if err != nil {
		return row{}, "undecodable queue line: " + err.Error()
	}
	return s.convertEvent(e)
}
