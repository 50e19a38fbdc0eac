package queue

import (
	"context"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ReasonHeader carries why a message was dead-lettered.
const ReasonHeader = "Logstack-Reason"

// defaultDeadLetterLimit is used when DeadLetters is given no limit.
const defaultDeadLetterLimit = 100

// DeadLetter is a payload the indexer could not store, kept with the reason
// so that an operator can inspect it (`logstack dlq ls`) and replay it.
type DeadLetter struct {
	// Seq is the dead-letter stream sequence, stable for later commands.
	Seq uint64
	// ID is the original message id (Nats-Msg-Id), if any.
	ID string
	// Reason says why the store rejected the payload.
	Reason string
	// Time is when the payload was dead-lettered.
	Time time.Time
	// Data is the original payload.
	Data []byte
}

// DeadLetter stores data with reason in the dead-letter stream, so that the
// indexer can then ack the original and keep the live queue moving without
// losing the data. msgID deduplicates retries as in Publish. The stream
// refuses new dead letters when full (ErrFull) rather than dropping old ones.
func (q *Queue) DeadLetter(ctx context.Context, data []byte, reason string, msgID string) error {
	hdr := nats.Header{}
	hdr.Set(ReasonHeader, cleanReason(reason))
	_, err := q.publish(ctx, q.cfg.dlqSubject(), q.cfg.dlqStream(), data, msgID, hdr)
	q.metrics.observeDeadLetter(err)
	return err
}

// cleanReason makes reason a valid single-line header value that fits the
// header room.
func cleanReason(reason string) string {
	reason = strings.Join(strings.Fields(reason), " ")
	if len(reason) > maxReasonLen {
		reason = strings.ToValidUTF8(reason[:maxReasonLen], "")
	}
	if reason == "" {
		reason = "unspecified"
	}
	return reason
}

// DeadLetters lists up to limit dead letters, oldest first (limit <= 0 means
// 100, at most MaxDeadLetterPage); see ListDeadLetters for filters and
// paging.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	page, err := q.ListDeadLetters(ctx, DeadLetterFilter{Limit: limit})
	return page.Letters, err
}

// deadLetterFrom converts a stored dead-letter message.
func deadLetterFrom(raw *jetstream.RawStreamMsg) DeadLetter {
	return DeadLetter{
		Seq:    raw.Sequence,
		ID:     raw.Header.Get(jetstream.MsgIDHeader),
		Reason: raw.Header.Get(ReasonHeader),
		Time:   raw.Time,
		Data:   raw.Data,
	}
}
