package indexer

import (
	"context"
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
// decoded events.
type batch struct {
	msgs   []*queue.Message
	events []event.Event
	docs   [][]byte // docs[i] is the queue's JSON line of events[i]
}

// DocWriter is a store that can keep the JSON the indexer already holds
// instead of encoding each event again (store/duckdb does).
type DocWriter interface {
	WriteDocs(ctx context.Context, events []event.Event, docs [][]byte) (store.WriteResult, error)
}

// commit writes a batch's events in one store batch and acknowledges the
// messages once the write has committed.
func (ix *Indexer) commit(ctx context.Context, b batch) error {
	msgs, events := b.msgs, b.events
	start := time.Now()
	res, err := ix.write(ctx, b)
	if err != nil {
		return err
	}
	ix.m.batchSeconds.Observe(time.Since(start).Seconds())
	ix.m.events.Add(float64(res.Written))
	ix.m.duplicates.Add(float64(res.Duplicates))
	if err := ix.deadLetterRejected(ctx, events, res.Rejected); err != nil {
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
func (ix *Indexer) decode(ctx context.Context, msgs []*queue.Message) ([]event.Event, [][]byte, error) {
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
	var all []event.Event
	var docs [][]byte
	for i, m := range msgs {
		evs, err := decoded[i], errs[i]
		if err != nil {
			reason := fmt.Sprintf("undecodable queue message (stream sequence %d): %v", m.Seq, err)
			if dlqErr := ix.dlq.DeadLetter(ctx, m.Data, reason, fmt.Sprintf("seq-%d", m.Seq)); dlqErr != nil {
				return nil, nil, fmt.Errorf("dead-letter message %d: %w", m.Seq, dlqErr)
			}
			ix.m.rejected.Add(float64(countLines(m.Data)))
			continue
		}
		all = append(all, evs...)
		docs = append(docs, lines[i]...)
	}
	return all, docs, nil
}

// write retries the store until it commits or ctx ends, keeping the
// messages' acknowledgement deadline alive meanwhile.
func (ix *Indexer) write(ctx context.Context, b batch) (store.WriteResult, error) {
	msgs, events := b.msgs, b.events
	dw, withDocs := ix.st.(DocWriter)
	backoff := 100 * time.Millisecond
	for {
		var res store.WriteResult
		var err error
		if withDocs {
			res, err = dw.WriteDocs(ctx, events, b.docs)
		} else {
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

// deadLetterRejected keeps each refused event, with the store's reason, in
// the dead-letter stream; its message id is the event id so a replayed batch
// does not dead-letter the same event twice.
func (ix *Indexer) deadLetterRejected(ctx context.Context, events []event.Event, rejected []store.Rejection) error {
	for _, r := range rejected {
		if r.Index < 0 || r.Index >= len(events) {
			continue
		}
		e := events[r.Index]
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode rejected event: %w", err)
		}
		if err := ix.dlq.DeadLetter(ctx, data, r.Reason, "event-"+e.ID()); err != nil {
			return fmt.Errorf("dead-letter event %s: %w", e.ID(), err)
		}
	}
	ix.m.rejected.Add(float64(len(rejected)))
	return nil
}
