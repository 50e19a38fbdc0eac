package ship

import (
	"context"
	"time"
)

// RecordSleeps makes s record its waits instead of sleeping, for tests.
func RecordSleeps(s interface{ setSleep(sleeper) }) *[]time.Duration {
	var waits []time.Duration
	s.setSleep(func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	})
	return &waits
}

func (h *HTTP) setSleep(s sleeper) { h.sleep = s }
func (t *TCP) setSleep(s sleeper)  { t.sleep = s }
