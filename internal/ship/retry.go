package ship

import (
	"context"
	"math/rand/v2"
	"time"
)

// Retry bounds how long a sender keeps trying one batch.
type Retry struct {
	// MaxAttempts counts the first attempt; default 8.
	MaxAttempts int
	// MinBackoff is the wait before the second attempt, doubled for each
	// further one (with jitter) up to MaxBackoff; defaults 200ms and 30s.
	// A Retry-After from the broker replaces the backoff, capped at
	// MaxBackoff.
	MinBackoff time.Duration
	MaxBackoff time.Duration
}

func (r Retry) withDefaults() Retry {
	if r.MaxAttempts <= 0 {
		r.MaxAttempts = 8
	}
	if r.MinBackoff <= 0 {
		r.MinBackoff = 200 * time.Millisecond
	}
	if r.MaxBackoff <= 0 {
		r.MaxBackoff = 30 * time.Second
	}
	return r
}

// backoff returns the wait before attempt n+1 (n ≥ 1 attempts made):
// exponential, with jitter over its upper half so that many senders that
// failed together do not come back together.
func (r Retry) backoff(n int) time.Duration {
	d := r.MinBackoff << min(n-1, 30)
	if d <= 0 || d > r.MaxBackoff {
		d = r.MaxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

// sleeper waits d or until ctx ends; tests replace it to observe waits.
type sleeper func(ctx context.Context, d time.Duration) error

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
