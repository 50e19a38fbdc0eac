package ship

import (
	"errors"
	"fmt"

	"github.com/logstack/logstack/internal/logfile"
)

// ErrGaveUp reports that delivery kept failing for Retry.MaxAttempts
// attempts. It is retryable as a whole (the next Lambda retry or ingest run
// may find the broker back), but this call will not try again.
var ErrGaveUp = errors.New("delivery gave up")

// ErrRejected reports that the broker refused the data (400, 401, 403,
// 413, ...): resending it would be refused again. It wraps
// logfile.ErrPermanent.
var ErrRejected = fmt.Errorf("broker rejected the events (%w)", logfile.ErrPermanent)

// ErrNoReceipt reports a TCP connection that ended without the
// {"acknowledged":N} line for all its events (or with a smaller N): some
// may not be durable, so the batch is sent again.
var ErrNoReceipt = errors.New("no delivery receipt")

// errBusy marks a 429 or 503 answer: the broker is up and pushing back
// because its queue is full or its disk low. Waiting is the right answer
// to backpressure, so such attempts do not count towards MaxAttempts; only
// ctx (a Lambda's deadline, an operator's Ctrl-C) ends the wait.
var errBusy = errors.New("broker busy")
