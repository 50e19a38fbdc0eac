package ruleeval

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/store"
)

// reader reads one rule's matching events from the store for one run.
// Unlike ElastAlert2, which stops at max_query_size, it pages through
// every hit (ascending by time, each page starting at the previous page's
// last timestamp, the repeats at that timestamp skipped by event.id) up to
// maxEvents hits per run: a rule should see every event of a burst, and
// the cap still bounds a runaway filter.
type reader struct {
	store     Store
	filter    query.Node
	pageSize  int
	maxEvents int
	seen      *seenSet
	metrics   *ruleMetrics

	// What the run read so far: new events, their identities, the hits
	// fetched (repeats included) and whether the cap cut the run short.
	events    []rule.Event
	ids       []seenEvent
	pending   map[seenEvent]struct{}
	fetched   int
	truncated bool
}

// after turns an exclusive lower (or inclusive upper) bound into the
// store's inclusive From (exclusive To).
func after(t time.Time) time.Time { return t.Add(time.Nanosecond) }

// readRange adds the unseen matching events with lo < @timestamp <= hi.
func (r *reader) readRange(ctx context.Context, lo, hi time.Time) error {
	from, limit := after(lo), r.pageSize
	for !r.truncated {
		limit = min(limit, r.maxEvents-r.fetched)
		if limit <= 0 {
			r.truncated = true
			break
		}
		r.metrics.queries.Inc()
		res, err := r.store.Search(ctx, store.SearchRequest{
			Query: r.filter, From: from, To: after(hi), Limit: limit, SortAscending: true,
		})
		if err != nil {
			return fmt.Errorf("search events: %w", err)
		}
		last := r.take(res)
		if len(res.Hits) < limit || int64(len(res.Hits)) >= res.Total {
			return nil
		}
		if last.After(from) {
			from, limit = last, r.pageSize
		} else {
			limit *= 2 // a whole page at one timestamp: widen instead of advancing
		}
	}
	return nil
}

// take records a page's new events and returns the last hit's time.
func (r *reader) take(res store.SearchResult) time.Time {
	r.fetched += len(res.Hits)
	r.metrics.hits.Add(float64(len(res.Hits)))
	var last time.Time
	for _, doc := range res.Hits {
		ev, id, err := decodeHit(doc)
		if err != nil {
			if errors.Is(err, errBadHit) {
				r.metrics.badHits.Inc()
			}
			continue
		}
		last = ev.Time
		if _, dup := r.pending[id]; dup || r.seen.has(id) {
			continue
		}
		r.pending[id] = struct{}{}
		r.events = append(r.events, ev)
		r.ids = append(r.ids, id)
	}
	return last
}
