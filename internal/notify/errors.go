package notify

import (
	"errors"
	"fmt"
	"time"
)

// ErrPermanent marks a notification error that retrying cannot fix (a 4xx
// answer, a bad address, an invalid template result). Errors without it are
// retried.
var ErrPermanent = errors.New("permanent notification error")

// permanentError wraps an error so that errors.Is(err, ErrPermanent) holds
// while the message stays the cause's own.
type permanentError struct{ err error }

// Error is the cause's message, unchanged.
func (e *permanentError) Error() string { return e.err.Error() }

// Unwrap exposes the cause (for errors.As) and ErrPermanent (for errors.Is).
func (e *permanentError) Unwrap() []error { return []error{e.err, ErrPermanent} }

// Permanent marks err as not worth retrying; nil stays nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err: err}
}

// Permanentf is Permanent(fmt.Errorf(format, args...)).
func Permanentf(format string, args ...any) error {
	return Permanent(fmt.Errorf(format, args...))
}

// IsPermanent reports whether err was marked Permanent somewhere in its chain.
func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// RetryableError is a retryable error that carries the service's requested
// wait (HTTP Retry-After); the Retrier waits at least After before retrying.
type RetryableError struct {
	Err   error
	After time.Duration
}

// Error is the cause's message, unchanged.
func (e *RetryableError) Error() string { return e.Err.Error() }

// Unwrap exposes the cause.
func (e *RetryableError) Unwrap() error { return e.Err }

// Retryable wraps err with a minimum wait before the next attempt (0: none).
func Retryable(err error, after time.Duration) error {
	if err == nil {
		return nil
	}
	return &RetryableError{Err: err, After: after}
}

// RetryAfter returns the wait requested by a RetryableError in err's chain.
func RetryAfter(err error) time.Duration {
	var r *RetryableError
	if errors.As(err, &r) {
		return r.After
	}
	return 0
}
