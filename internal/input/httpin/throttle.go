package httpin

import (
	"log/slog"
	"sync"
	"time"
)

// throttle lets one log line through per period and counts the rest, so
// that a failing queue under load does not flood the log (one line per
// request otherwise).
type throttle struct {
	every      time.Duration
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

func (t *throttle) warn(log *slog.Logger, msg string, args ...any) {
	t.mu.Lock()
	now := time.Now()
	if !t.last.IsZero() && now.Sub(t.last) < t.every {
		t.suppressed++
		t.mu.Unlock()
		return
	}
	n := t.suppressed
	t.last, t.suppressed = now, 0
	t.mu.Unlock()
	log.Warn(msg, append(args, "suppressed_since_last", n)...)
}
