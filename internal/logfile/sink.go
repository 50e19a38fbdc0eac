package logfile

import (
	"context"
	"sync/atomic"

	"github.com/logstack/logstack/internal/event"
)

// Sink receives batches of events. Deliver returns nil only once every event
// of the batch is durable (queued by logstack, acknowledged by a remote
// broker); an error means none, some or all may have arrived, which is safe
// because a redelivery carries the same event ids. Deliver must not keep the
// slice after it returns. Errors wrapping ErrPermanent are not worth a
// retry; any other error is.
type Sink interface {
	Deliver(ctx context.Context, events []event.Event) error
}

// SinkFunc adapts a function to Sink, for tests and for wiring a broker.
type SinkFunc func(ctx context.Context, events []event.Event) error

// Deliver calls f.
func (f SinkFunc) Deliver(ctx context.Context, events []event.Event) error { return f(ctx, events) }

// tally counts what a Sink reports about its delivery attempts during one
// Process call; it travels in the context so that concurrent Process calls
// sharing one Sink each get their own numbers.
type tally struct {
	retries      atomic.Int64
	connFailures atomic.Int64
}

type tallyKey struct{}

// NoteRetry tells the Process call behind ctx that the Sink repeated an
// attempt (after a 429/5xx or a broken connection), for Summary.Retries.
func NoteRetry(ctx context.Context) {
	if t, ok := ctx.Value(tallyKey{}).(*tally); ok {
		t.retries.Add(1)
	}
}

// NoteConnFailure tells the Process call behind ctx that the Sink failed to
// connect or lost a connection, for Summary.ConnFailures.
func NoteConnFailure(ctx context.Context) {
	if t, ok := ctx.Value(tallyKey{}).(*tally); ok {
		t.connFailures.Add(1)
	}
}

func withTally(ctx context.Context) (context.Context, *tally) {
	t := &tally{}
	return context.WithValue(ctx, tallyKey{}, t), t
}
