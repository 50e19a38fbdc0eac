package queue

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Publish stores data in the queue and returns once JetStream has
// acknowledged it (written to the stream file; fsynced with SyncAlways), so
// the caller may acknowledge its own client. msgID (Nats-Msg-Id) makes a
// retry within DuplicateWindow a no-op; pass "" to disable deduplication.
// Errors are classified: ErrFull, ErrDiskLow, ErrUnavailable (retry later)
// or ErrTooLarge (permanent).
func (q *Queue) Publish(ctx context.Context, data []byte, msgID string) error {
	ack, err := q.publish(ctx, q.cfg.subject(), q.cfg.Stream, data, msgID, nil)
	q.metrics.observePublish(len(data), ack, err)
	return err
}

// publish checks the local limits, then publishes to subject and waits for
// the PubAck of stream.
func (q *Queue) publish(ctx context.Context, subject, stream string, data []byte, msgID string, hdr nats.Header) (*jetstream.PubAck, error) {
	if err := q.usable(); err != nil {
		return nil, err
	}
	if err := q.checkSize(data, msgID); err != nil {
		return nil, err
	}
	if err := q.disk.check(); err != nil {
		return nil, err
	}
	opts := []jetstream.PublishOpt{jetstream.WithExpectStream(stream)}
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
	msg := &nats.Msg{Subject: subject, Data: data, Header: hdr}
	ack, err := q.js.PublishMsg(ctx, msg, opts...)
	if err != nil {
		return nil, fmt.Errorf("queue: publish to %s: %w", stream, classify(err))
	}
	return ack, nil
}

// checkSize rejects what the server would refuse anyway, without a round trip.
func (q *Queue) checkSize(data []byte, msgID string) error {
	if int64(len(data)) > q.cfg.MaxMsgSize {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), q.cfg.MaxMsgSize)
	}
	if len(msgID) > maxMsgIDLen {
		return fmt.Errorf("%w: message id of %d bytes, limit %d", ErrTooLarge, len(msgID), maxMsgIDLen)
	}
	return nil
}
