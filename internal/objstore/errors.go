package objstore

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/aws/smithy-go"

	"github.com/logstack/logstack/internal/logfile"
)

// ErrNotFound reports a bucket, object or version that does not exist (or
// no longer matches the notified ETag). It wraps logfile.ErrPermanent: a
// retry cannot bring the object back, a newer notification covers a newer
// version.
var ErrNotFound = fmt.Errorf("object not found (%w)", logfile.ErrPermanent)

// ErrDenied reports missing permissions (s3:GetObject, s3:ListBucket). It
// wraps logfile.ErrPermanent: retrying the same request will not help
// until someone fixes the policy.
var ErrDenied = fmt.Errorf("access denied (%w)", logfile.ErrPermanent)

// classify wraps SDK errors that a retry cannot fix; anything else
// (throttling, 5xx, network) is left retryable.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchKey", "NoSuchBucket", "NoSuchVersion", "NotFound", "PreconditionFailed":
			return fmt.Errorf("%w: %w", ErrNotFound, err)
		case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "AllAccessDisabled":
			return fmt.Errorf("%w: %w", ErrDenied, err)
		}
	}
	var status interface{ HTTPStatusCode() int }
	if errors.As(err, &status) {
		switch status.HTTPStatusCode() {
		case http.StatusNotFound, http.StatusPreconditionFailed:
			return fmt.Errorf("%w: %w", ErrNotFound, err)
		case http.StatusForbidden:
			return fmt.Errorf("%w: %w", ErrDenied, err)
		}
	}
	return err
}
