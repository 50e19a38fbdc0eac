package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"
)

// RetryPolicy bounds the retries of one notification. The deadline is ctx's:
// the Retrier never outlives it.
type RetryPolicy struct {
	// Initial is the first backoff (default 1 s); each retry doubles it.
	Initial time.Duration
	// Max caps one backoff (default 1 min); Retry-After may ask for more.
	Max time.Duration
	// AttemptTimeout bounds one attempt (default 30 s).
	AttemptTimeout time.Duration
}

// DefaultRetryPolicy is used for zero fields of a RetryPolicy.
var DefaultRetryPolicy = RetryPolicy{Initial: time.Second, Max: time.Minute, AttemptTimeout: 30 * time.Second}

// Retrier is a Notifier that retries another one with exponential backoff and
// jitter until it succeeds, fails permanently or ctx ends, honouring the
// service's Retry-After, and counts every attempt in Metrics.
type Retrier struct {
	name    string
	next    Notifier
	policy  RetryPolicy
	metrics *Metrics
	log     *slog.Logger
	// sleep waits d or until ctx ends; tests replace it to record the waits.
	sleep func(ctx context.Context, d time.Duration) error
	// jitter returns a value in [0, d]; tests replace it to be deterministic.
	jitter func(d time.Duration) time.Duration
}

var _ Notifier = (*Retrier)(nil)

// NewRetrier wraps next; name is the notifier's configured name (the metrics
// label), m may be shared by many Retriers and must not be nil. log (nil:
// discard) gets one warning per notification that finally failed, never one
// per attempt.
func NewRetrier(name string, next Notifier, p RetryPolicy, m *Metrics, log *slog.Logger) *Retrier {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if p.Initial <= 0 {
		p.Initial = DefaultRetryPolicy.Initial
	}
	if p.Max <= 0 {
		p.Max = DefaultRetryPolicy.Max
	}
	if p.AttemptTimeout <= 0 {
		p.AttemptTimeout = DefaultRetryPolicy.AttemptTimeout
	}
	return &Retrier{name: name, next: next, policy: p, metrics: m, sleep: sleepCtx, jitter: fullJitter,
		log: log.With("component", "notify", "notifier", name)}
}

// Notify sends n, retrying retryable errors. The returned error wraps the last
// attempt's error; it is permanent when the service refused the notification.
func (r *Retrier) Notify(ctx context.Context, n Notification) error {
	backoff := r.policy.Initial
	for attempt := 1; ; attempt++ {
		err := r.attempt(ctx, n)
		if err == nil {
			r.count(OutcomeSuccess, OutcomeSuccess)
			return nil
		}
		if IsPermanent(err) {
			r.count(OutcomePermanent, OutcomePermanent)
			r.log.Warn("notification refused", "alert_key", n.AlertKey, "state", n.State, "attempts", attempt, "error", err)
			return fmt.Errorf("notifier %s: %w", r.name, err)
		}
		r.metrics.attempts.WithLabelValues(r.name, OutcomeRetryable).Inc()
		wait := max(r.jitter(backoff), RetryAfter(err))
		if serr := r.sleep(ctx, wait); serr != nil {
			r.metrics.notifications.WithLabelValues(r.name, OutcomeGaveUp).Inc()
			r.log.Warn("notification not sent before its deadline", "alert_key", n.AlertKey, "state", n.State, "attempts", attempt, "error", err)
			return fmt.Errorf("notifier %s: gave up after %d attempts (%w): %w", r.name, attempt, context.Cause(ctx), err)
		}
		backoff = min(backoff*2, r.policy.Max)
	}
}

// attempt runs one bounded attempt.
func (r *Retrier) attempt(ctx context.Context, n Notification) error {
	ctx, cancel := context.WithTimeoutCause(ctx, r.policy.AttemptTimeout,
		fmt.Errorf("notification attempt exceeded %s", r.policy.AttemptTimeout))
	defer cancel()
	return r.next.Notify(ctx, n)
}

func (r *Retrier) count(attempt, final string) {
	r.metrics.attempts.WithLabelValues(r.name, attempt).Inc()
	r.metrics.notifications.WithLabelValues(r.name, final).Inc()
}

// fullJitter picks a uniformly random wait in [d/2, d] ("equal jitter") so that many alerters
// retrying the same service do not retry in lockstep, while the wait still grows.
func fullJitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// sleepCtx waits d or until ctx ends, returning ctx's error in that case.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return errors.New("context done while waiting to retry")
	}
}
