//go:build !(linux || darwin || freebsd)

package queue

import (
	"fmt"
	"os"
)

// lockDir only creates dir on this platform; nothing stops a second process
// from opening the same store.
func lockDir(dir string) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("queue: dir: %w", err)
	}
	return func() error { return nil }, nil
}
