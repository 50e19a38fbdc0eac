package logfile

import (
	"errors"
	"fmt"
)

// ErrPermanent marks a failure that a retry of the same object cannot fix
// (a corrupt gzip stream, a broker rejecting the data as invalid or
// unauthorized). Sinks wrap their permanent errors with it; every other
// Process error is retryable (network, throttling, cancellation), and a retry
// is safe because event ids are deterministic.
var ErrPermanent = errors.New("permanent failure")

// Permanent reports whether err is not worth retrying.
func Permanent(err error) bool { return errors.Is(err, ErrPermanent) }

// Retryable reports whether err may go away on a later attempt.
func Retryable(err error) bool { return err != nil && !Permanent(err) }

// permanent wraps err as a permanent failure.
func permanent(err error) error {
	if err == nil || Permanent(err) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrPermanent, err)
}
