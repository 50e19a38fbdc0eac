package broker

import (
	"bytes"
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
	return b.send(ctx, in, chunks, start)
}

// send publishes messages in order, each after the previous one's
// acknowledgement.
func (b *Broker) send(ctx context.Context, in string, chunks []chunk, start time.Time) error {
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

// PublishLines is Publish for events an input has already normalized into
// JSON lines with event.NormalizeLine, which spares ingest building and
// encoding a map per event. data holds the lines, each ending in "\n";
// ids[i] is the event id of line i. Messages are split and named exactly
// as Publish names them.
func (b *Broker) PublishLines(ctx context.Context, in string, data []byte, ids []string) error {
	start := b.now()
	chunks, err := b.packLines(data, ids)
	if err != nil {
		b.m.errors.WithLabelValues(in, "encode").Inc()
		return err
	}
	return b.send(ctx, in, chunks, start)
}

// packLines splits normalized lines into messages as pack does.
func (b *Broker) packLines(data []byte, ids []string) ([]chunk, error) {
	var out []chunk
	h := sha256.New()
	first, n := 0, 0
	for i, pos := 0, 0; pos < len(data); i++ {
		end := bytes.IndexByte(data[pos:], '\n')
		if end < 0 || i >= len(ids) {
			return nil, fmt.Errorf("publish lines: line %d has no id (%d given) or no newline", i, len(ids))
		}
		end += pos + 1
		if end-pos > b.maxMsgSize {
			return nil, fmt.Errorf("event %d is %d bytes encoded, over the queue's message limit of %d: %w", i, end-pos-1, b.maxMsgSize, queue.ErrTooLarge)
		}
		if end-first > b.maxMsgSize {
			out = append(out, chunk{data: data[first:pos], id: hex.EncodeToString(h.Sum(nil)[:16]), events: n})
			first, n = pos, 0
			h.Reset()
		}
		h.Write([]byte(ids[i]))
		h.Write([]byte{0})
		n++
		pos = end
	}
	if n > 0 {
		out = append(out, chunk{data: data[first:], id: hex.EncodeToString(h.Sum(nil)[:16]), events: n})
	}
	return out, nil
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
