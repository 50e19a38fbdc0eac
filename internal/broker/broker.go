package broker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
	"github.com/logstack/logstack/internal/queue"
)

// Queue is the part of the queue the broker needs.
type Queue interface {
	Publish(ctx context.Context, data []byte, msgID string) error
}

// Broker implements input.Publisher on top of a Queue.
type Broker struct {
	q          Queue
	maxMsgSize int
	now        func() time.Time
	log        *slog.Logger
	m          metrics
}

var _ input.Publisher = (*Broker)(nil)

// New returns a broker that splits batches into messages of at most
// maxMsgSize bytes.
func New(q Queue, maxMsgSize int, logger *slog.Logger, reg prometheus.Registerer) *Broker {
	return &Broker{
		q:          q,
		maxMsgSize: maxMsgSize,
		now:        time.Now,
		log:        logger.With("component", "broker"),
		m:          newMetrics(reg),
	}
}

// Publish normalizes the events and publishes them, waiting for the queue's
// acknowledgement of every message. A request larger than one message is
// split; should a later part fail, the earlier parts stay queued, and a retry
// is deduplicated by event.id only where the sender supplied the ids, which
// is why the default message limit is well above the request limit.
func (b *Broker) Publish(ctx context.Context, in string, events []event.Event) error {
	start := b.now()
	chunks, err := b.pack(events, start)
	if err != nil {
		b.m.errors.WithLabelValues(in, "encode").Inc()
		return err
	}
	for _, c := range chunks {
		if err := b.q.Publish(ctx, c.data, c.id); err != nil {
			b.m.errors.WithLabelValues(in, reason(err)).Inc()
			return fmt.Errorf("publish %d events from %s: %w", c.events, in, err)
		}
		b.m.events.WithLabelValues(in).Add(float64(c.events))
		b.m.bytes.WithLabelValues(in).Add(float64(len(c.data)))
	}
	b.m.latency.Observe(time.Since(start).Seconds())
	return nil
}

type chunk struct {
	data   []byte
	id     string
	events int
}

// pack normalizes and encodes events into messages, each named by a hash of
// its event ids so that JetStream drops a retried publish of the same
// message within its duplicate window.
func (b *Broker) pack(events []event.Event, now time.Time) ([]chunk, error) {
	var out []chunk
	var buf []byte
	h := sha256.New()
	n := 0
	var scratch []byte
	flush := func() {
		if n == 0 {
			return
		}
		out = append(out, chunk{data: buf, id: hex.EncodeToString(h.Sum(nil)[:16]), events: n})
		buf, n = nil, 0
		h.Reset()
	}
	for i, e := range events {
		event.Normalize(e, now)
		line, err := event.AppendJSON(scratch[:0], e)
		scratch = line
		if err != nil {
			return nil, fmt.Errorf("encode event %d: %w", i, err)
		}
		if len(line)+1 > b.maxMsgSize {
			return nil, fmt.Errorf("event %d is %d bytes encoded, over the queue's message limit of %d: %w", i, len(line), b.maxMsgSize, queue.ErrTooLarge)
		}
		if len(buf)+len(line)+1 > b.maxMsgSize {
			flush()
		}
		buf = append(append(buf, line...), '\n')
		h.Write([]byte(e.ID()))
		h.Write([]byte{0})
		n++
	}
	flush()
	return out, nil
}
