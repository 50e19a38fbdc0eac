package input

import (
	"context"

	"github.com/logstack/logstack/internal/event"
)

// Publisher takes events accepted by an input and returns only once they are
// durable in the queue. It normalizes the events (event.Normalize) on the
// way. Errors are classified by the queue: errors.Is(err, queue.ErrFull)
// means back off and retry (HTTP 429), queue.ErrDiskLow and
// queue.ErrUnavailable mean the service cannot take data now (HTTP 503).
// On error nothing of the call may be assumed durable, and a retry with the
// same events (same event.id) is deduplicated downstream.
type Publisher interface {
	Publish(ctx context.Context, input string, events []event.Event) error
}

// PublisherFunc adapts a function to Publisher, for tests.
type PublisherFunc func(ctx context.Context, input string, events []event.Event) error

// Publish calls f.
func (f PublisherFunc) Publish(ctx context.Context, input string, events []event.Event) error {
	return f(ctx, input, events)
}
