package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Message is one fetched payload with what the indexer needs to decide its
// fate: ack after the store committed, nak to retry, dead-letter when
// Delivered shows it keeps failing.
type Message struct {
	// Data is the opaque payload as published.
	Data []byte
	// ID is the publisher's message id (Nats-Msg-Id), reused when
	// dead-lettering so a retried dead-letter is stored once.
	ID string
	// Seq is the stream sequence, stable across redeliveries.
	Seq uint64
	// Delivered counts deliveries of this message, 1 the first time.
	Delivered uint64
	// Published is when the stream stored the message.
	Published time.Time

	msg jetstream.Msg
}

// newMessage copies the JetStream metadata into a Message.
func newMessage(m jetstream.Msg) *Message {
	msg := &Message{Data: m.Data(), ID: m.Headers().Get(jetstream.MsgIDHeader), msg: m}
	if md, err := m.Metadata(); err == nil {
		msg.Seq, msg.Delivered, msg.Published = md.Sequence.Stream, md.NumDelivered, md.Timestamp
	}
	return msg
}

// Ack removes the message from the queue and waits for the server to
// confirm it (double ack), so the indexer knows the message will not come
// back; without confirmation it may still be redelivered, which the store's
// event.id deduplication absorbs.
func (m *Message) Ack(ctx context.Context) error {
	if err := m.msg.DoubleAck(ctx); err != nil {
		return fmt.Errorf("queue: ack %d: %w", m.Seq, classify(err))
	}
	return nil
}

// Nak returns the message for redelivery after delay (at once when delay
// <= 0), for failures the indexer expects to be temporary.
func (m *Message) Nak(ctx context.Context, delay time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var err error
	if delay > 0 {
		err = m.msg.NakWithDelay(delay)
	} else {
		err = m.msg.Nak()
	}
	if err != nil {
		return fmt.Errorf("queue: nak %d: %w", m.Seq, classify(err))
	}
	return nil
}

// InProgress restarts the message's AckWait, so a slow store write is not
// mistaken for a crashed indexer and the message is not delivered twice.
func (m *Message) InProgress(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := m.msg.InProgress(); err != nil {
		return fmt.Errorf("queue: in progress %d: %w", m.Seq, classify(err))
	}
	return nil
}
