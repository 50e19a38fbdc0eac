package elasticsearch

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// linePicker reads the two values a bulk action needs from a queue line.
var linePicker = event.NewPicker([]string{event.FieldTimestamp, event.FieldID})

// queueLineDepth is the nesting a queue line may have when it must be
// decoded in full (it was accepted by an input that bounds depth itself).
const queueLineDepth = 1 << 16

// WriteLines writes events given as the queue's JSON lines (the indexer's
// LineWriter). Only @timestamp and event.id are needed for the bulk action
// and the line itself is the document, so each line is scanned once with
// a Picker instead of being decoded into an event map, which was most of
// the indexer's CPU per event in front of a cluster (docs/BENCHMARKS.md).
// A line the Picker defers on is decoded in full; one that does not
// decode is rejected with the reason.
func (s *Store) WriteLines(ctx context.Context, lines [][]byte) (store.WriteResult, error) {
	events := make([]event.Event, len(lines))
	bad := make([]string, len(lines))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(lines)+255)/256) {
		wg.Go(func() {
			var vals [2]any
			for i := int(next.Add(1) - 1); i < len(lines); i = int(next.Add(1) - 1) {
				events[i], bad[i] = keyOf(lines[i], vals[:])
			}
		})
	}
	wg.Wait()
	res, err := s.WriteDocs(ctx, events, lines)
	for i, r := range res.Rejected {
		if bad[r.Index] != "" {
			res.Rejected[i].Reason = bad[r.Index]
		}
	}
	return res, err
}

// keyOf returns an event holding line's @timestamp and event.id, the
// whole decoded event when the Picker cannot tell, or an empty event and
// the reason when line does not decode.
func keyOf(line []byte, vals []any) (event.Event, string) {
	if linePicker.Pick(line, vals) && vals[0] != nil {
		if id, ok := vals[1].(string); ok {
			return event.Event{event.FieldTimestamp: vals[0], "event": map[string]any{"id": id}}, ""
		}
	}
	e, err := event.Parse(line, event.Limits{MaxDepth: queueLineDepth})
	if err != nil {
		return event.Event{}, "undecodable queue line: " + err.Error()
	}
	return e, ""
}
