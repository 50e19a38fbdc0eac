package indexer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/queue"
	"github.com/logstack/logstack/internal/store"
)

// batch is what one store write covers: the queue messages and their
// events, decoded, or only split into lines for a LineWriter.
type batch struct {
	msgs   []*queue.Message
	events []event.Event // nil for a LineWriter
	docs   [][]byte      // docs[i] is the queue's JSON line of event i
	seqs   []uint64      // seqs[i] is the queue sequence of event i's message
}

// LineWriter is a store that takes events as the queue's JSON lines and
// reads what it needs from them itself (store/duckdb picks its columns
// without decoding whole events), so the indexer decodes nothing.
type LineWriter interface {
	WriteLines(ctx context.Context, lines [][]byte) (store.WriteResult, error)
}

// DocWriter is a store that can keep the JSON the indexer already holds
// instead of encoding each event again (store/duckdb does).
type DocWriter interface {
	WriteDocs(ctx context.Context, events []event.Event, docs [][]byte) (store.WriteResult, error)
}

// commit writes a batch's events in one store batch and acknowledges the
// messages once the write has committed.
func (ix *Indexer) commit(ctx context.Context, b batch) error {
	msgs := b.msgs
	start := time.Now()
	res, err := ix.write(ctx, b)
	if err != nil {
		return err
	}
	ix.m.batchSeconds.Observe(time.Since(start).Seconds())
	ix.m.events.Add(float64(res.Written))
	ix.m.duplicates.Add(float64(res.Duplicates))
	if err := ix.deadLetterRejected(ctx, b, res.Rejected); err != nil {
		return err
	}
	now := time.Now()
	for _, m := range msgs {
		if err := m.Ack(ctx); err != nil {
			// The batch is committed; a lost ack only means a
			// redelivery that the store deduplicates.
			ix.m.errors.WithLabelValues("ack").Inc()
			continue
		}
		ix.m.lag.Observe(now.Sub(m.Published).Seconds())
	}
	ix.m.lastLag.Set(now.Sub(msgs[len(msgs)-1].Published).Seconds())
	ix.state.lastCommit.Store(now.UnixNano())
	ix.state.lastProgress.Store(now.UnixNano())
	return nil
}

// decode turns messages into events, on every core. A message that cannot
// be decoded is dead-lettered whole, with the reason, so one corrupt
// payload never blocks the queue.
func (ix *Indexer) decode(ctx context.Context, msgs []*queue.Message) (batch, error) {
	b := batch{msgs: msgs}
	if _, ok := ix.st.(LineWriter); ok {
		for _, m := range msgs {
			b.docs = appendLines(b.docs, m.Data)
			b.seqs = appendSeq(b.seqs, m.Seq, len(b.docs))
		}
		return b, nil
	}
	decoded := make([][]event.Event, len(msgs))
	lines := make([][][]byte, len(msgs))
	errs := make([]error, len(msgs))
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range min(runtime.GOMAXPROCS(0), len(msgs)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(msgs); i = int(next.Add(1) - 1) {
				decoded[i], lines[i], errs[i] = event.DecodeBatchLines(msgs[i].Data)
			}
		})
	}
	wg.Wait()
	for i, m := range msgs {
		evs, err := decoded[i], errs[i]
		if err != nil {
			reason := fmt.Sprintf("undecodable queue message (stream sequence %d): %v", m.Seq, err)
			if dlqErr := ix.dlq.DeadLetter(ctx, m.Data, reason, fmt.Sprintf("seq-%d", m.Seq)); dlqErr != nil {
				return batch{}, fmt.Errorf("dead-letter message %d: %w", m.Seq, dlqErr)
			}
			ix.m.rejected.Add(float64(countLines(m.Data)))
			continue
		}
		b.events = append(b.events, evs...)
		b.docs = append(b.docs, lines[i]...)
		b.seqs = appendSeq(b.seqs, m.Seq, len(b.docs))
	}
	return b, nil
}

// appendSeq extends seqs to length n with seq, the message of the events
// just appended.
func appendSeq(seqs []uint64, seq uint64, n int) []uint64 {
	for len(seqs) < n {
		seqs = append(seqs, seq)
	}
	return seqs
}

// write retries the store until it commits or ctx ends, keeping the
// messages' acknowledgement deadline alive meanwhile.
func (ix *Indexer) write(ctx context.Context, b batch) (store.WriteResult, error) {
	msgs, events := b.msgs, b.events
	dw, withDocs := ix.st.(DocWriter)
	lw, withLines := ix.st.(LineWriter)
	defer ix.keepAlive(ctx, msgs)()
	backoff := 100 * time.Millisecond
	for {
		var res store.WriteResult
		var err error
		switch {
		case withLines:
			res, err = lw.WriteLines(ctx, b.docs)
		case withDocs:
			res, err = dw.WriteDocs(ctx, events, b.docs)
		default:
			res, err = ix.st.Write(ctx, events)
		}
		if err == nil {
			ix.state.failing.Store(nil)
			return res, nil
		}
		if ctx.Err() != nil {
			return res, context.Cause(ctx)
		}
		ix.state.failing.Store(&err)
		kind := "store_retryable"
		if errors.Is(err, store.ErrPermanent) {
			kind = "store_permanent"
		}
		ix.m.errors.WithLabelValues(kind).Inc()
		ix.log.Warn("store write failed; retrying", "events", len(events), "err", err, "backoff", backoff)
		sleep(ctx, backoff)
		for _, m := range msgs {
			_ = m.InProgress(ctx)
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

// keepAlive restarts the messages' AckWait every AckWait/3 until the
// returned stop is called, so the queue does not hand a batch that is
// still being written to another indexer (issue 4: several indexers share
// one consumer). stop returns once no InProgress is in flight, so acks
// that follow never race with it.
func (ix *Indexer) keepAlive(ctx context.Context, msgs []*queue.Message) (stop func()) {
	if ix.cfg.AckWait <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(ix.cfg.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				for _, m := range msgs {
					_ = m.InProgress(ctx)
				}
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// deadLetterRejected keeps each refused event, with the store's reason, in
// the dead-letter stream; its message id is the queue sequence of its
// message with the event id (or, for a line that is not even an event, a
// hash of it), so a redelivered batch does not dead-letter the same event
// twice, while an event replayed from the dead letters (a new queue
// message) and refused again is kept again instead of being taken for a
// duplicate of the letter the replay deleted.
func (ix *Indexer) deadLetterRejected(ctx context.Context, b batch, rejected []store.Rejection) error {
	for _, r := range rejected {
		data, id, err := rejectedEvent(b, r.Index)
		if err != nil {
			return err
		}
		if data == nil {
			continue
		}
		id = fmt.Sprintf("q%d-%s", b.seqs[r.Index], id)
		if err := ix.dlq.DeadLetter(ctx, data, r.Reason, id); err != nil {
			return fmt.Errorf("dead-letter event %s: %w", id, err)
		}
	}
	ix.m.rejected.Add(float64(len(rejected)))
	return nil
}

// rejectedEvent returns the batch's i-th event as dead-letter data and
// message id; nil data for an index out of range.
func rejectedEvent(b batch, i int) ([]byte, string, error) {
	if b.events == nil {
		if i < 0 || i >= len(b.docs) {
			return nil, "", nil
		}
		line := b.docs[i]
		if e, err := event.Parse(line, event.Limits{MaxDepth: payloadMaxDepth}); err == nil && e.ID() != "" {
			return line, "event-" + e.ID(), nil
		}
		sum := sha256.Sum256(line)
		return line, "line-" + hex.EncodeToString(sum[:16]), nil
	}
	if i < 0 || i >= len(b.events) {
		return nil, "", nil
	}
	e := b.events[i]
	data, err := json.Marshal(e)
	if err != nil {
		return nil, "", fmt.Errorf("encode rejected event: %w", err)
	}
	return data, "event-" + e.ID(), nil
}

// payloadMaxDepth only keeps Parse's nesting check out of the way: the
// inputs enforced the configured limit before the event was queued.
const payloadMaxDepth = 1 << 16

// appendLines appends the non-blank lines of a queue payload, trimmed, as
// event.DecodeBatchLines splits it.
func appendLines(lines [][]byte, data []byte) [][]byte {
	for len(data) > 0 {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte{'\n'})
		if line = bytes.TrimSpace(line); len(line) > 0 {
			lines = append(lines, line)
		}
	}
	return lines
}
