package logfile

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/elb"
	"github.com/logstack/logstack/internal/event"
)

// LineSink is a Sink that also takes events already written as normalized
// JSON lines (what broker.PublishLines and logstack's /ingest take): data
// holds the lines, each ending in "\n", and ids[i] is the event id of line
// i. Processing then builds no map per event, the main cost of turning a
// log line into an event. DeliverLines has Deliver's contract.
type LineSink interface {
	Sink
	DeliverLines(ctx context.Context, data []byte, ids []string) error
}

// lineWriter is a Parser that can write a line's normalized event as JSON
// itself (elb.Parser.AppendJSONWith), byte for byte what the map path
// encodes.
type lineWriter interface {
	appendLine(dst, line []byte, x *elb.Extra) ([]byte, error)
}

// appendLine implements lineWriter.
func (e elbParser) appendLine(dst, line []byte, x *elb.Extra) ([]byte, error) {
	return e.p.AppendJSONWith(dst, line, x)
}

// writesLines reports whether the builder can take the line path.
func (b *builder) writesLines() bool {
	_, ok := b.parser.(lineWriter)
	return ok
}

// buildLine appends line n's normalized event to dst as a JSON line and
// returns its id; ok is false for an empty or control line. A line the
// parser cannot write (it does not parse, or it was cut) becomes the same
// parse-failure event as on the map path.
func (b *builder) buildLine(dst []byte, n int, l line, now time.Time) (_ []byte, id string, ok bool) {
	if len(l.text) == 0 {
		return dst, "", false
	}
	lw, isWriter := b.parser.(lineWriter)
	if !isWriter || l.truncated() {
		return b.encodeLine(dst, b.build(n, l), now)
	}
	x := b.extra()
	x.Offset, x.EventID = l.offset, b.ids.id(n)
	out, err := lw.appendLine(dst, l.text, x)
	switch {
	case err == nil:
		return append(out, '\n'), x.EventID, true
	case errors.Is(err, elb.ErrSkip):
		return dst, "", false
	}
	e := b.failure(n, l, err)
	b.annotate(e, n, l)
	return b.encodeLine(dst, e, now)
}

// encodeLine appends a map-built event (nil: none) as a normalized JSON
// line. Events built here hold only strings, numbers and objects, so
// encoding cannot fail; should it, the event is dropped from the line
// buffer and counted as a bad line rather than half-written.
func (b *builder) encodeLine(dst []byte, e event.Event, now time.Time) ([]byte, string, bool) {
	if e == nil {
		return dst, "", false
	}
	event.Normalize(e, now)
	out, err := event.AppendJSON(dst, e)
	if err != nil {
		b.sum.BadLines++
		b.sum.addError(fmt.Sprintf("%s: event %s cannot be encoded: %v", b.obj, e.ID(), err))
		return dst, "", false
	}
	return append(out, '\n'), e.ID(), true
}

// extra returns the builder's elb.Extra: the object's fields, filled once.
func (b *builder) extra() *elb.Extra {
	if b.x != nil {
		return b.x
	}
	x := &elb.Extra{HasOffset: true, Normalized: true}
	if k, ok := elb.ParseObjectKey(b.obj.Key); ok {
		x.Key = k
	}
	if b.obj.Bucket != "" {
		x.Bucket, x.Object = b.obj.Bucket, b.obj.Key
	} else {
		x.Path = b.obj.Key
	}
	b.x = x
	return x
}
