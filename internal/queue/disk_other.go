//go:build !(linux || darwin || freebsd)

package queue

import "errors"

// freeBytes cannot measure free space on this platform, so the disk guard
// lets writes through.
func freeBytes(string) (uint64, error) {
	return 0, errors.New("free disk space not supported on this platform")
}
