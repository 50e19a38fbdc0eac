//go:build linux || darwin || freebsd

package queue

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes an exclusive lock on dir/queue.lock: nats-server does not
// lock its store directory, and two servers writing one store corrupt it.
// The lock is released by unlock or when the process dies.
func lockDir(dir string) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("queue: dir: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "queue.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("queue: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("queue: %s is in use by another logstack queue", dir)
		}
		return nil, fmt.Errorf("queue: lock %s: %w", dir, err)
	}
	return f.Close, nil // closing the file releases the lock
}
