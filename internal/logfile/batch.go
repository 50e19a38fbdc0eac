package logfile

import "github.com/logstack/logstack/internal/event"

// batchOverhead approximates the bytes an event adds beyond its raw line
// (fields from the key, ids), so that a file of short lines still flushes.
const batchOverhead = 128

// batch gathers events until a count or byte bound is reached.
type batch struct {
	events   []event.Event
	bytes    int
	maxCount int
	maxBytes int
}

func newBatch(cfg Config) *batch {
	return &batch{maxCount: cfg.BatchEvents, maxBytes: cfg.BatchBytes}
}

// add appends e (from a line of size bytes) and reports whether the batch
// is full.
func (b *batch) add(e event.Event, size int) bool {
	b.events = append(b.events, e)
	b.bytes += size + batchOverhead
	return len(b.events) >= b.maxCount || b.bytes >= b.maxBytes
}

func (b *batch) len() int { return len(b.events) }

// take returns the batch's events and starts a new one; the slice is handed
// over, never reused, because the Sink may still hold it.
func (b *batch) take() []event.Event {
	out := b.events
	b.events = make([]event.Event, 0, len(out))
	b.bytes = 0
	return out
}
