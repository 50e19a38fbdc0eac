package queue

import (
	"fmt"
	"sync"
	"time"
)

// diskCheckInterval is how long a free-space reading is reused, so that a
// publish costs at most one statfs per interval.
const diskCheckInterval = time.Second

// diskGuard refuses writes when the filesystem of the embedded store runs
// low, before nats-server hits ENOSPC mid-write (which disables the stream).
type diskGuard struct {
	dir  string
	min  uint64
	free func(dir string) (uint64, error) // freeBytes; replaceable in tests

	mu      sync.Mutex
	checked time.Time
	avail   uint64
	err     error
}

// newDiskGuard returns nil (no check) when minFree is 0.
func newDiskGuard(dir string, minFree int64) *diskGuard {
	if minFree <= 0 {
		return nil
	}
	return &diskGuard{dir: dir, min: uint64(minFree), free: freeBytes}
}

// check returns ErrDiskLow when the cached free space is below the minimum.
// A filesystem that cannot be measured does not block writes: the server
// still reports real write errors.
func (g *diskGuard) check() error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if now := time.Now(); g.checked.IsZero() || now.Sub(g.checked) >= diskCheckInterval {
		g.avail, g.err = g.free(g.dir)
		g.checked = now
	}
	if g.err == nil && g.avail < g.min {
		return fmt.Errorf("%w: %d bytes free on %s, need %d", ErrDiskLow, g.avail, g.dir, g.min)
	}
	return nil
}
