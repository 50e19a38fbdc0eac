package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
)

// Listing bounds, so that one request cannot pin the server.
const (
	// MaxDeadLetterPage caps the letters one listing returns.
	MaxDeadLetterPage = 1000
	// maxDeadLetterScan caps the messages one listing reads while looking
	// for letters that match a reason; the page's Next continues the scan.
	maxDeadLetterScan = 10000
)

// DeadLetterFilter selects dead letters for a listing or a bulk replay.
type DeadLetterFilter struct {
	// After skips sequences up to and including After, so that a listing
	// continues where the previous page ended (0: from the oldest).
	After uint64
	// Through ignores sequences above Through (0: up to the newest), so
	// that a bulk replay does not chase the letters it causes itself.
	Through uint64
	// Reason keeps only letters whose reason contains it, ignoring case.
	Reason string
	// Limit caps the letters returned: <= 0 means 100, at most
	// MaxDeadLetterPage.
	Limit int
}

// limit is the effective page size.
func (f DeadLetterFilter) limit() int {
	if f.Limit <= 0 {
		return defaultDeadLetterLimit
	}
	return min(f.Limit, MaxDeadLetterPage)
}

// matches reports whether a stored letter passes the reason filter.
func (f DeadLetterFilter) matches(raw *jetstream.RawStreamMsg) bool {
	return f.Reason == "" || strings.Contains(strings.ToLower(raw.Header.Get(ReasonHeader)), strings.ToLower(f.Reason))
}

// DeadLetterPage is one page of a dead-letter listing.
type DeadLetterPage struct {
	// Letters are the matching letters, oldest first.
	Letters []DeadLetter
	// Next is the After of the following page; 0 when the scan reached
	// Through, so there is nothing more to list.
	Next uint64
	// Through is the upper bound the scan used: the filter's, or the
	// newest sequence when the listing began. Pass it on with Next.
	Through uint64
	// Total counts every letter in the stream, matching or not.
	Total uint64
}

// ListDeadLetters returns the dead letters that pass f, oldest first. It
// reads by sequence and creates no consumer, so listing changes nothing;
// it reads at most a bounded number of messages per call, and Next tells
// where to continue.
func (q *Queue) ListDeadLetters(ctx context.Context, f DeadLetterFilter) (DeadLetterPage, error) {
	if err := q.usable(); err != nil {
		return DeadLetterPage{}, err
	}
	info, err := q.dlq.Info(ctx)
	if err != nil {
		return DeadLetterPage{}, fmt.Errorf("queue: dead letters: %w", classify(err))
	}
	page := DeadLetterPage{Through: info.State.LastSeq, Total: info.State.Msgs}
	if f.Through > 0 && f.Through < page.Through {
		page.Through = f.Through
	}
	seq := max(f.After+1, info.State.FirstSeq)
	for scanned := 0; seq <= page.Through; scanned++ {
		if len(page.Letters) == f.limit() || scanned == maxDeadLetterScan {
			page.Next = seq - 1
			break
		}
		raw, err := q.dlq.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(q.cfg.dlqSubject()))
		if errors.Is(err, jetstream.ErrMsgNotFound) || (err == nil && raw.Sequence > page.Through) {
			break
		}
		if err != nil {
			return DeadLetterPage{}, fmt.Errorf("queue: dead letter %d: %w", seq, classify(err))
		}
		seq = raw.Sequence + 1
		if f.matches(raw) {
			page.Letters = append(page.Letters, deadLetterFrom(raw))
		}
	}
	return page, nil
}

// GetDeadLetter returns the dead letter with sequence seq, or ErrNotFound.
func (q *Queue) GetDeadLetter(ctx context.Context, seq uint64) (DeadLetter, error) {
	if err := q.usable(); err != nil {
		return DeadLetter{}, err
	}
	raw, err := q.dlq.GetMsg(ctx, seq)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return DeadLetter{}, fmt.Errorf("queue: dead letter %d: %w", seq, ErrNotFound)
	}
	if err != nil {
		return DeadLetter{}, fmt.Errorf("queue: dead letter %d: %w", seq, classify(err))
	}
	return deadLetterFrom(raw), nil
}

// DeleteDeadLetter removes the dead letter seq for good (ErrNotFound when
// there is none), for data an operator decided not to keep.
func (q *Queue) DeleteDeadLetter(ctx context.Context, seq uint64) error {
	if err := q.usable(); err != nil {
		return err
	}
	if err := q.deleteDeadLetter(ctx, seq); err != nil {
		return err
	}
	q.metrics.observeDeadLetterDeleted()
	return nil
}

// deleteDeadLetter deletes seq, telling a missing letter (ErrNotFound)
// from a failure.
func (q *Queue) deleteDeadLetter(ctx context.Context, seq uint64) error {
	err := q.dlq.DeleteMsg(ctx, seq)
	if err == nil {
		return nil
	}
	if errors.Is(err, jetstream.ErrMsgDeleteUnsuccessful) {
		// The server says why only in prose; ask whether it is there.
		if _, getErr := q.dlq.GetMsg(ctx, seq); errors.Is(getErr, jetstream.ErrMsgNotFound) {
			return fmt.Errorf("queue: dead letter %d: %w", seq, ErrNotFound)
		}
	}
	return fmt.Errorf("queue: delete dead letter %d: %w", seq, classify(err))
}
