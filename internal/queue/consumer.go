package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ConsumerOptions tune redelivery; zero values take the server defaults
// (AckWait 30s, unlimited deliveries, 1000 unacked messages).
type ConsumerOptions struct {
	// AckWait is how long a fetched message may stay unacknowledged before
	// it is delivered again (to this or another process); extend it with
	// Message.InProgress for slow stores.
	AckWait time.Duration
	// MaxDeliver caps deliveries of one message; the server then stops
	// delivering it, so the caller should dead-letter and ack a message
	// whose Delivered reaches MaxDeliver instead of letting it vanish.
	MaxDeliver int
	// MaxAckPending caps fetched-but-unacked messages across all processes
	// sharing the consumer, bounding redelivery after a crash.
	MaxAckPending int
}

// Consumer is a durable pull consumer: its position survives restarts and
// every process that opens the same name shares (splits) the work.
type Consumer struct {
	q    *Queue
	name string
	c    jetstream.Consumer
}

// Consumer creates or updates the durable consumer name on the queue
// stream with explicit acks, so a message leaves the queue only when the
// indexer has stored it. A work-queue stream hands each message to one
// consumer only, so every indexer must use the same name (a second name is
// refused by the server).
func (q *Queue) Consumer(ctx context.Context, name string, opts ConsumerOptions) (*Consumer, error) {
	if err := q.usable(); err != nil {
		return nil, err
	}
	if name == "" || strings.ContainsAny(name, ".*> \t\r\n/\\") {
		return nil, fmt.Errorf("queue: invalid consumer name %q", name)
	}
	c, err := q.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       name,
		Description:   "logstack durable consumer",
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       opts.AckWait,
		MaxDeliver:    opts.MaxDeliver,
		MaxAckPending: opts.MaxAckPending,
		FilterSubject: q.cfg.subject(),
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", name, classify(err))
	}
	return &Consumer{q: q, name: name, c: c}, nil
}

// Fetch returns up to maxMsgs messages that arrive within maxWait (none is
// not an error), so the indexer can batch writes to the store. maxWait <= 0
// returns only what is available now; a ctx deadline shorter than maxWait
// shortens the wait. If ctx is cancelled (shutdown), the messages already
// received are released for redelivery and ctx's error is returned.
func (c *Consumer) Fetch(ctx context.Context, maxMsgs int, maxWait time.Duration) ([]*Message, error) {
	if err := c.q.usable(); err != nil {
		return nil, err
	}
	if maxMsgs <= 0 {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	msgs, err := c.receive(ctx, maxMsgs, maxWait)
	return c.finish(ctx, msgs, err)
}

// receive sends one pull request and collects the batch until it ends
// (batch full, maxWait elapsed via the server's expiry, or error) or ctx
// is cancelled. The server ends the pull when maxWait expires and the
// client reads until that end: a client-side deadline instead
// (FetchContext) stops reading while the server may still be sending, and
// messages in flight then sit unacknowledged until AckWait redelivers
// them, a minute later by default.
func (c *Consumer) receive(ctx context.Context, maxMsgs int, maxWait time.Duration) ([]*Message, error) {
	var batch jetstream.MessageBatch
	var err error
	budget := c.q.fetchBudget()
	if d, ok := ctx.Deadline(); ok {
		maxWait = min(maxWait, time.Until(d))
	}
	if maxWait < minFetchWait {
		batch, err = c.c.FetchNoWait(min(maxMsgs, max(1, budget/c.q.maxMessage())))
	} else {
		batch, err = c.c.Fetch(maxMsgs, jetstream.FetchMaxWait(min(maxWait, maxFetchWait)), jetstream.FetchMaxBytes(budget))
	}
	if err != nil {
		return nil, err
	}
	var out []*Message
	msgs := batch.Messages()
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return out, batch.Error()
			}
			out = append(out, newMessage(m))
		case <-ctx.Done():
			go nakRest(msgs) // the pull ends by itself within maxWait
			return out, ctx.Err()
		}
	}
}

// nakRest gives back, for redelivery at once, what an abandoned pull still
// brings.
func nakRest(msgs <-chan jetstream.Msg) {
	for m := range msgs {
		_ = m.Nak()
	}
}

// minFetchWait is the shortest server-side pull expiry worth asking for;
// below it a pull takes only what is available now.
const minFetchWait = time.Millisecond

// maxFetchWait caps one pull's life, and so that of a pull abandoned at
// shutdown; a caller wanting to wait longer simply pulls again.
const maxFetchWait = 30 * time.Second

// fetchBudget bounds the bytes one pull may bring: the server cuts off a
// client that has more than max_pending (64 MiB) on its way to it as a slow
// consumer, which a pull of many large batches would otherwise exceed. It
// always leaves room for one maximum-size message.
func (q *Queue) fetchBudget() int {
	return max(16<<20, q.maxMessage()+4<<10)
}

// maxMessage is the largest message, headers included, the stream holds.
func (q *Queue) maxMessage() int { return int(q.cfg.MaxMsgSize) + headerRoom }

// finish decides what Fetch returns once the batch ended with err.
func (c *Consumer) finish(ctx context.Context, out []*Message, err error) ([]*Message, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		c.release(out)
		return nil, ctxErr
	}
	if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return out, nil // maxWait elapsed
	}
	if len(out) > 0 {
		return out, nil // deliver what arrived; a lasting error recurs on the next fetch
	}
	return nil, fmt.Errorf("queue: fetch %s: %w", c.name, classify(err))
}

// release naks messages the caller will never see, so they are redelivered
// at once instead of after AckWait.
func (c *Consumer) release(msgs []*Message) {
	for _, m := range msgs {
		_ = m.msg.Nak()
	}
}
