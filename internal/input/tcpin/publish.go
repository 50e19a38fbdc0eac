package tcpin

import (
	"context"
	"errors"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/queue"
)

// backoff is the capped exponential wait between publish retries.
type backoff struct{ min, max time.Duration }

func (b backoff) next(d time.Duration) time.Duration {
	return min(max(2*d, b.min), b.max)
}

// publish makes events durable, retrying with backoff for as long as the
// input lives: a TCP sender cannot be told to retry later, so the batch
// waits here, and the connection with it. Only the shutdown deadline ends
// the retries; the events are then counted lost and an error returned.
// A batch the queue finds too large is split; a single event too large for
// the queue can never be published and is counted lost on its own.
func (in *Input) publish(events []event.Event) error {
	ctx := in.base
	var delay time.Duration
	for attempt := 1; ; attempt++ {
		err := in.pub.Publish(ctx, inputName, events)
		if err == nil {
			in.m.events.Add(float64(len(events)))
			return nil
		}
		if ctx.Err() != nil {
			return in.lose(events, err)
		}
		reason := classify(err)
		in.m.rejected.WithLabelValues(inputName, reason).Inc()
		if errors.Is(err, queue.ErrTooLarge) {
			return in.split(events, err)
		}
		if reason == "error" || attempt == 1 {
			in.errLog.Warn(in.log, "publish failed, retrying; the connection is paused", "events", len(events), "attempt", attempt, "err", err)
		}
		delay = in.backoff.next(delay)
		if !sleep(ctx, delay) {
			return in.lose(events, ctx.Err())
		}
	}
}

func (in *Input) split(events []event.Event, err error) error {
	if len(events) == 1 {
		in.m.lost.WithLabelValues(inputName, "too_large").Inc()
		in.errLog.Warn(in.log, "event dropped: larger than the queue accepts", "err", err)
		return nil
	}
	half := len(events) / 2
	if err := in.publish(events[:half]); err != nil {
		in.lose(events[half:], err)
		return err
	}
	return in.publish(events[half:])
}

func (in *Input) lose(events []event.Event, err error) error {
	in.m.lost.WithLabelValues(inputName, "shutdown").Add(float64(len(events)))
	in.log.Error("events lost: the shutdown deadline passed before the queue took them", "events", len(events), "err", err)
	return err
}

// classify names the rejected_total reason for a publish error.
func classify(err error) string {
	switch {
	case errors.Is(err, queue.ErrFull):
		return "backpressure"
	case errors.Is(err, queue.ErrDiskLow), errors.Is(err, queue.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, queue.ErrTooLarge):
		return "too_large"
	}
	return "error"
}

// sleep waits d unless ctx ends first; it reports whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
