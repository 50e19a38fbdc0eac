package elasticsearch

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// Write stores a batch with _bulk create actions, _id = event.id.
//
// Elasticsearch has no transaction across documents: each bulk item
// succeeds or fails alone, so when Write returns an error some events of
// the batch may already be stored, unlike the store contract's "nothing
// was committed". The contract's purpose still holds because every write
// is a create with _id = event.id: when the indexer retries the batch
// after an error, events already stored answer 409 and are counted as
// Duplicates, never stored twice, and the rest is written. So a batch is
// stored exactly once however often it is retried; only the split between
// Written and Duplicates of the retry differs from an atomic store.
//
// Items answered 429 or 5xx (and whole requests that fail so) are retried
// with exponential backoff and jitter, at most MaxRetries times or until
// ctx ends, and then Write returns a retryable error. Other refusals (a
// mapping conflict, 400) are reported in Rejected with "status type:
// reason", for the dead-letter queue.
func (s *Store) Write(ctx context.Context, events []event.Event) (store.WriteResult, error) {
	return s.WriteDocs(ctx, events, nil)
}

// WriteDocs is Write for a caller that already holds each event's JSON
// (docs[i] encodes events[i]), as the indexer does: the bytes are sent as
// the document's _source instead of encoding the event again.
func (s *Store) WriteDocs(ctx context.Context, events []event.Event, docs [][]byte) (store.WriteResult, error) {
	if s.closed.Load() {
		return store.WriteResult{}, ErrClosed
	}
	if docs != nil && len(docs) != len(events) {
		return store.WriteResult{}, fmt.Errorf("write batch: %d documents for %d events: %w", len(docs), len(events), store.ErrBadRequest)
	}
	var res store.WriteResult
	var lastReason string
	pending := s.prepare(events, docs, &res)
	for attempt := 0; len(pending) > 0; attempt++ {
		if attempt > 0 {
			if attempt > s.opts.MaxRetries {
				return store.WriteResult{}, fmt.Errorf("write batch: %d events still refused after %d retries, last: %s", len(pending), s.opts.MaxRetries, lastReason)
			}
			s.m.retries.Inc()
			if err := sleep(ctx, s.backoff(attempt)); err != nil {
				return store.WriteResult{}, fmt.Errorf("write batch: %d events not stored (%s): %w", len(pending), lastReason, err)
			}
		}
		var next []item
		for _, chunk := range s.chunks(pending) {
			out, err := s.sendChunk(ctx, chunk, &res)
			if err != nil {
				return store.WriteResult{}, fmt.Errorf("write batch: %w", err)
			}
			if len(out.retry) > 0 {
				next = append(next, out.retry...)
				lastReason = out.reason
			}
		}
		pending = next
	}
	slices.SortFunc(res.Rejected, func(a, b store.Rejection) int { return a.Index - b.Index })
	return res, nil
}

// backoff is the wait before retry attempt (1, 2, ...): RetryBase doubled
// each time up to RetryMax, then a random part of it ("full jitter" over
// the upper half) so that indexers do not retry in step.
func (s *Store) backoff(attempt int) time.Duration {
	d := s.opts.RetryBase << min(attempt-1, 30)
	if d <= 0 || d > s.opts.RetryMax {
		d = s.opts.RetryMax
	}
	return d/2 + rand.N(d/2+1)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}
