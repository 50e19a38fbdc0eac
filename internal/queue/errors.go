package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ErrFull reports that the stream reached its byte limit (or the server its
// storage limit); new data is refused so that old data is never discarded.
// It is retryable: space comes back as the indexer acknowledges messages.
var ErrFull = errors.New("queue full")

// ErrDiskLow reports that the filesystem holding the embedded store has less
// free space than Config.MinFreeDisk; publishing stops before nats-server
// hits ENOSPC mid-write (which stops the stream) and before the queue takes
// the space the store shares with it. It is retryable.
var ErrDiskLow = errors.New("queue disk space low")

// ErrUnavailable reports that the queue cannot be reached right now (not
// connected, timed out, stream not answering, closed). It is retryable.
var ErrUnavailable = errors.New("queue unavailable")

// ErrClosed reports a call on a closed Queue; it wraps ErrUnavailable because
// to a client a queue that is shutting down is one that is not there.
var ErrClosed = fmt.Errorf("queue closed (%w)", ErrUnavailable)

// ErrTooLarge reports a payload (or message id) larger than the queue accepts;
// it is permanent, the caller must split the data instead of retrying.
var ErrTooLarge = errors.New("message too large for queue")

// ErrNotFound reports that a dead letter with the given sequence does not
// exist (never did, or was already replayed or deleted); it is permanent.
var ErrNotFound = errors.New("dead letter not found")

// Retryable reports whether err is a temporary queue condition (full, low on
// disk, unavailable) that the caller should answer with backpressure and a
// later retry, rather than a permanent rejection.
func Retryable(err error) bool {
	return errors.Is(err, ErrFull) || errors.Is(err, ErrDiskLow) || errors.Is(err, ErrUnavailable)
}

// JetStream API error codes (nats-server server/jetstream_errors_generated.go)
// that classify maps to sentinels.
const (
	codeAccountResourcesExceeded = 10002 // JSAccountResourcesExceededErr
	codeInsufficientResources    = 10023 // JSInsufficientResourcesErr
	codeStorageResourcesExceeded = 10047 // JSStorageResourcesExceededErr
	codeMessageExceedsMaximum    = 10054 // JSStreamMessageExceedsMaximumErr
	codeStreamNotFound           = 10059 // JSStreamNotFoundErr
	codeJetStreamNotEnabled      = 10076 // JSNotEnabledErr
	codeStreamStoreFailed        = 10077 // JSStreamStoreFailedF, "{err}" from the store
	codeJetStreamNotEnabledAcc   = 10039 // JSNotEnabledForAccountErr
)

// classify wraps err from nats.go with the sentinel that tells the caller
// what to do; errors it does not recognise are returned unchanged (permanent).
func classify(err error) error {
	if err == nil {
		return nil
	}
	if sentinel := sentinelFor(err); sentinel != nil && !errors.Is(err, sentinel) {
		return fmt.Errorf("%w: %w", sentinel, err)
	}
	return err
}

// sentinelFor picks the sentinel for err, or nil when none applies.
func sentinelFor(err error) error {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		return sentinelForAPI(apiErr)
	}
	switch {
	case errors.Is(err, nats.ErrMaxPayload):
		return ErrTooLarge
	case errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, nats.ErrTimeout),
		errors.Is(err, nats.ErrNoResponders),
		errors.Is(err, jetstream.ErrNoStreamResponse),
		errors.Is(err, nats.ErrConnectionClosed),
		errors.Is(err, nats.ErrConnectionDraining),
		errors.Is(err, nats.ErrDisconnected),
		errors.Is(err, nats.ErrNoServers),
		errors.Is(err, nats.ErrInvalidConnection),
		errors.Is(err, nats.ErrConnectionReconnecting):
		return ErrUnavailable
	}
	return nil
}

// sentinelForAPI maps a JetStream API error answered by the server.
func sentinelForAPI(e *jetstream.APIError) error {
	switch e.ErrorCode {
	case codeAccountResourcesExceeded, codeInsufficientResources, codeStorageResourcesExceeded:
		return ErrFull
	case codeMessageExceedsMaximum:
		return ErrTooLarge
	case codeStreamNotFound, codeJetStreamNotEnabled, codeJetStreamNotEnabledAcc:
		return ErrUnavailable
	case codeStreamStoreFailed:
		// The description is the store's error text: server/store.go
		// ErrMaxBytes "maximum bytes exceeded", ErrMaxMsgs "maximum
		// messages exceeded", ErrMsgTooLarge "message too large".
		d := strings.ToLower(e.Description)
		switch {
		case strings.Contains(d, "maximum bytes exceeded"), strings.Contains(d, "maximum messages exceeded"):
			return ErrFull
		case strings.Contains(d, "message too large"):
			return ErrTooLarge
		}
		return ErrUnavailable
	}
	return nil
}

// reason names the class of err for the publish error metric label.
func reason(err error) string {
	switch {
	case errors.Is(err, ErrFull):
		return "full"
	case errors.Is(err, ErrDiskLow):
		return "disk_low"
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrUnavailable):
		return "unavailable"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return "other"
}

// errStatsTimeout says why a metrics scrape gave up on the server.
var errStatsTimeout = errors.New("queue stats for metrics took too long")
