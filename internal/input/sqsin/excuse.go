package sqsin

import (
	"context"
	"sync"

	"github.com/logstack/logstack/internal/queue"
)

// maxExcused bounds the excuse table; past it the table starts afresh,
// which at worst dead-letters a message a little early.
const maxExcused = 10000

// excuses counts, per message id, the deliveries this process failed
// because logstack itself could not take data (queue full, low on disk,
// unavailable) or was shutting down. max_receive_count does not count
// those against the message: a long backpressure must not turn good
// notifications into dead letters. The table lives in memory; after a
// restart a message's earlier excuses are forgotten.
type excuses struct {
	mu sync.Mutex
	n  map[string]int
}

// excusable reports whether a failure was logstack's, not the message's.
func excusable(ctx context.Context, err error) bool {
	return ctx.Err() != nil || queue.Retryable(err)
}

func (e *excuses) add(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.n == nil || len(e.n) >= maxExcused {
		e.n = map[string]int{}
	}
	e.n[id]++
}

func (e *excuses) of(id string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.n[id]
}

func (e *excuses) forget(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.n, id)
}
