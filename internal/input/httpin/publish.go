package httpin

import (
	"context"
	"errors"
	"net/http"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/queue"
)

// publishFailure is how a failed Publish is answered: the status and
// Retry-After that make shippers back off and retry, and the metric reason.
type publishFailure struct {
	status     int
	reason     string
	retryAfter string
	msg        string
}

// publish hands events to the Publisher and classifies its error. A nil
// failure means every event is durable. ok is false when the client went
// away, in which case nothing useful can be answered.
func (in *Input) publish(ctx context.Context, name string, events []event.Event) (f *publishFailure, ok bool) {
	return in.publishWith(ctx, name, len(events), func() error { return in.pub.Publish(ctx, name, events) })
}

// publishWith is publish for n events handed over by pub.
func (in *Input) publishWith(ctx context.Context, name string, n int, pub func() error) (f *publishFailure, ok bool) {
	err := pub()
	if err == nil {
		in.m.events.WithLabelValues(name).Add(float64(n))
		return nil, true
	}
	if ctx.Err() != nil {
		return nil, false
	}
	f = classify(err)
	in.m.rejected.WithLabelValues(name, f.reason).Inc()
	if f.reason == reasonError {
		in.errLog.Warn(in.log, "publish failed", "input", name, "events", n, "err", err)
	}
	return f, true
}

func classify(err error) *publishFailure {
	switch {
	case errors.Is(err, queue.ErrFull):
		return &publishFailure{http.StatusTooManyRequests, reasonBackpressure, "1", "queue full, retry later"}
	case errors.Is(err, queue.ErrDiskLow):
		return &publishFailure{http.StatusServiceUnavailable, reasonUnavailable, "5", "queue disk space low, retry later"}
	case errors.Is(err, queue.ErrUnavailable):
		return &publishFailure{http.StatusServiceUnavailable, reasonUnavailable, "5", "queue unavailable, retry later"}
	case errors.Is(err, queue.ErrTooLarge):
		return &publishFailure{http.StatusRequestEntityTooLarge, reasonTooLarge, "", "an event is larger than the queue accepts"}
	case errors.Is(err, context.DeadlineExceeded):
		return &publishFailure{http.StatusServiceUnavailable, reasonUnavailable, "5", "queue did not answer in time, retry later"}
	}
	return &publishFailure{http.StatusInternalServerError, reasonError, "", "internal error while queueing events"}
}
