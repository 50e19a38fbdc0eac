package queue

import (
	"errors"
	"testing"
)

func TestDiskGuard(t *testing.T) {
	calls := 0
	free := uint64(100)
	g := &diskGuard{dir: "/x", min: 50, free: func(string) (uint64, error) { calls++; return free, nil }}
	if err := g.check(); err != nil {
		t.Fatalf("check with enough space = %v", err)
	}
	free = 10
	if err := g.check(); err != nil || calls != 1 {
		t.Fatalf("second check within the interval = %v after %d statfs calls, want the cached reading", err, calls)
	}
	g.checked = g.checked.Add(-diskCheckInterval) // the reading is now stale
	if err := g.check(); !errors.Is(err, ErrDiskLow) || calls != 2 {
		t.Fatalf("check after the interval = %v after %d calls, want ErrDiskLow", err, calls)
	}
}

func TestDiskGuardFailsOpen(t *testing.T) {
	g := &diskGuard{dir: "/x", min: 50, free: func(string) (uint64, error) { return 0, errors.New("statfs failed") }}
	if err := g.check(); err != nil {
		t.Fatalf("check when free space is unknown = %v, want nil", err)
	}
	var none *diskGuard
	if err := none.check(); err != nil || newDiskGuard("/x", 0) != nil {
		t.Fatalf("disabled guard = %v", err)
	}
}

func TestFreeBytes(t *testing.T) {
	n, err := freeBytes(t.TempDir())
	if err != nil || n == 0 {
		t.Fatalf("freeBytes = %d, %v", n, err)
	}
}
