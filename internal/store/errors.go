package store

import (
	"errors"
	"fmt"
)

// ErrPermanent marks a store error that retrying cannot fix (a bad query, a
// closed store). Errors without it are worth retrying.
var ErrPermanent = errors.New("permanent store error")

// ErrBadRequest marks a request the store cannot run as given (an unknown
// aggregation field type, an invalid range bound); it wraps ErrPermanent.
var ErrBadRequest = fmt.Errorf("bad request (%w)", ErrPermanent)

// BadRequest marks err, which describes a value the request got wrong (an
// invalid date, a time out of range), as ErrBadRequest, keeping its text
// after the sentinel's; nil stays nil.
func BadRequest(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrBadRequest, err)
}
