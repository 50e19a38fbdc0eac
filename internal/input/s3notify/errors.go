package s3notify

import "errors"

// ErrMalformed reports a notification body that is not a notification
// logstack understands. It is permanent: the same body never parses, so
// inputs dead-letter it instead of retrying.
var ErrMalformed = errors.New("malformed s3 notification")

// ErrPermanent marks an object error that retrying cannot fix (the object
// is gone, access is denied, the data is not a log). Handlers wrap such
// errors with Permanent; every other error is retried.
var ErrPermanent = errors.New("permanent")

// permanentError wraps an error as permanent while keeping its message.
type permanentError struct{ err error }

func (e permanentError) Error() string        { return e.err.Error() }
func (e permanentError) Unwrap() []error      { return []error{e.err, ErrPermanent} }
func (e permanentError) Is(target error) bool { return target == ErrPermanent }

// Permanent marks err as not worth retrying; nil stays nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err (or anything it wraps) is permanent or a
// malformed notification.
func IsPermanent(err error) bool {
	return errors.Is(err, ErrPermanent) || errors.Is(err, ErrMalformed)
}
