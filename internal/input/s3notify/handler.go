package s3notify

import (
	"context"
	"errors"
	"fmt"
)

// Handler processes one object completely: it reads the object, parses
// its lines and returns nil only once every event is durable in the queue.
// Errors it cannot recover from by retrying are wrapped with Permanent.
// Calling it again for the same object must not duplicate events (event
// ids are derived from the object and line).
type Handler interface {
	HandleObject(ctx context.Context, obj Object) error
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, obj Object) error

// HandleObject calls f.
func (f HandlerFunc) HandleObject(ctx context.Context, obj Object) error { return f(ctx, obj) }

// Dispatcher runs the objects of a notification through a Handler and
// dead-letters those that fail permanently, so one bad object does not
// block the good ones in the same notification forever.
type Dispatcher struct {
	Handler     Handler
	DeadLetters DeadLetters
	Metrics     *Metrics
	// Input names the input in dead letters and metrics ("sqs", "s3_webhook").
	Input string
}

// Dispatch processes every object of n in order. It returns nil when the
// notification may be acknowledged: every object is durable or
// dead-lettered. Any other error is retryable: the sender must deliver the
// notification again (objects already done are then deduplicated).
func (d *Dispatcher) Dispatch(ctx context.Context, n Notification, ref string) error {
	d.Metrics.ignored.WithLabelValues(d.Input).Add(float64(n.Ignored))
	for _, obj := range n.Objects {
		err := d.Handler.HandleObject(ctx, obj)
		switch {
		case err == nil:
			d.Metrics.objects.WithLabelValues(d.Input, resultOK).Inc()
		case IsPermanent(err):
			dl := DeadLetter{Input: d.Input, Ref: ref, Reason: err.Error(), Object: &obj}
			if derr := d.DeadLetters.Record(ctx, dl); derr != nil {
				return fmt.Errorf("dead-letter %s: %w", obj, derr)
			}
			d.Metrics.objects.WithLabelValues(d.Input, resultDeadLetter).Inc()
		default:
			d.Metrics.objects.WithLabelValues(d.Input, resultRetry).Inc()
			return fmt.Errorf("%s: %w", obj, err)
		}
	}
	return nil
}

// Poison records a notification that can never be processed (unparsable,
// delivered too often) so that the input may acknowledge it; an error
// means it must not be acknowledged yet.
func (d *Dispatcher) Poison(ctx context.Context, ref string, body []byte, reason error) error {
	dl := DeadLetter{Input: d.Input, Ref: ref, Reason: reason.Error(), Body: truncate(body)}
	if err := d.DeadLetters.Record(ctx, dl); err != nil {
		return fmt.Errorf("dead-letter notification %s: %w", ref, errors.Join(err, reason))
	}
	d.Metrics.poison.WithLabelValues(d.Input).Inc()
	return nil
}

// maxDeadLetterBody bounds the body kept in a dead letter.
const maxDeadLetterBody = 64 << 10

func truncate(b []byte) string {
	if len(b) > maxDeadLetterBody {
		b = b[:maxDeadLetterBody]
	}
	return string(b)
}
