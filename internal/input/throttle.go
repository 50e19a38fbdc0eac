package input

import (
	"log/slog"
	"sync"
	"time"
)

// Throttle lets one log line through per Every and counts the rest, so
// that a stalled queue with many paused requests or connections does not
// flood the log. The zero value logs every line.
type Throttle struct {
	Every      time.Duration
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

// Warn logs msg at warn level unless one was logged within Every, adding
// how many were suppressed since the last one.
func (t *Throttle) Warn(log *slog.Logger, msg string, args ...any) {
	t.mu.Lock()
	now := time.Now()
	if !t.last.IsZero() && now.Sub(t.last) < t.Every {
		t.suppressed++
		t.mu.Unlock()
		return
	}
	n := t.suppressed
	t.last, t.suppressed = now, 0
	t.mu.Unlock()
	log.Warn(msg, append(args, "suppressed_since_last", n)...)
}
