package duckdb

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// row is an event ready to append.
type row struct {
	index    int // in the batch, for rejections
	ts       int64
	id       string
	hash     uint64
	message  any // string or nil
	sig      signature
	promoted []any // by schema.promoted
	doc      string
	table    string
	ev       event.Event // until encoded
}

// Write stores a batch atomically and idempotently: events whose event.id
// is already stored (in any partition) or earlier in the batch are counted
// as duplicates, events with a value that does not fit its column are
// rejected, and the rest is appended in one transaction.
func (s *Store) Write(ctx context.Context, events []event.Event) (store.WriteResult, error) {
	return s.WriteDocs(ctx, events, nil)
}

// WriteDocs is Write for a caller that already holds each event's JSON
// encoding (docs[i] encodes events[i]; nil docs: encode here), as the
// indexer does with the queue's payload lines. The document is then stored
// as it is instead of being encoded again, the costliest step of a write.
func (s *Store) WriteDocs(ctx context.Context, events []event.Event, docs [][]byte) (store.WriteResult, error) {
	if docs != nil && len(docs) != len(events) {
		return store.WriteResult{}, fmt.Errorf("write batch: %d documents for %d events: %w", len(docs), len(events), store.ErrBadRequest)
	}
	if s.closed.Load() {
		return store.WriteResult{}, ErrClosed
	}
	start := time.Now()
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.closed.Load() {
		return store.WriteResult{}, ErrClosed
	}
	var res store.WriteResult
	rows := s.prepare(events, docs, &res)
	return s.write(ctx, start, rows, res)
}

// write commits prepared rows (the caller holds writeMu) and completes
// res, which holds what preparing them rejected.
func (s *Store) write(ctx context.Context, start time.Time, rows []row, res store.WriteResult) (store.WriteResult, error) {
	rows, err := s.commit(ctx, rows, &res)
	if err != nil {
		return store.WriteResult{}, s.classify(fmt.Errorf("write batch: %w", err))
	}
	s.register(rows)
	res.Written = len(rows)
	s.metrics.written.Add(float64(res.Written))
	s.metrics.duplicates.Add(float64(res.Duplicates))
	s.metrics.rejected.Add(float64(len(res.Rejected)))
	s.metrics.writeSecs.Observe(time.Since(start).Seconds())
	return res, nil
}

// prepare converts the batch into rows, rejecting events that do not fit
// and dropping repeats of an id within the batch (the first one wins).
func (s *Store) prepare(events []event.Event, docs [][]byte, res *store.WriteResult) []row {
	converted := make([]row, len(events))
	reasons := make([]string, len(events))
	parallel(len(events), func(i int) {
		converted[i], reasons[i] = s.convertEvent(events[i])
		if docs != nil && reasons[i] == "" {
			converted[i].doc = string(docs[i])
		}
	})
	rows := dedupBatch(converted, reasons, res)
	for i := range rows {
		if rows[i].doc == "" {
			rows[i].ev = events[rows[i].index] // to encode
		}
	}
	return rows
}

// dedupBatch drops the rows whose conversion failed (recording the
// rejections) and repeats of an id within the batch (the first one wins).
func dedupBatch(converted []row, reasons []string, res *store.WriteResult) []row {
	rows := converted[:0]
	seen := make(map[string]struct{}, len(converted))
	for i, r := range converted {
		if reasons[i] != "" {
			res.Rejected = append(res.Rejected, store.Rejection{Index: i, Reason: reasons[i]})
			continue
		}
		if _, dup := seen[r.id]; dup {
			res.Duplicates++
			continue
		}
		seen[r.id] = struct{}{}
		r.index = i
		rows = append(rows, r)
	}
	return rows
}

// parallel calls fn(i) for i in [0, n) on all cores: converting and
// encoding a batch is CPU work that would otherwise keep the appender
// waiting.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/minChunk+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// minChunk is the least work worth a goroutine of its own.
const minChunk = 512

// convertEvent extracts the columns of one event; the document is encoded
// later, only for events that turn out to be new.
func (s *Store) convertEvent(e event.Event) (row, string) {
	ts, present := e[event.FieldTimestamp]
	if !present {
		return row{}, "missing @timestamp"
	}
	vals := make([]any, len(s.sch.pickPaths))
	vals[0] = ts
	for i, path := range s.sch.pickPaths[1:] {
		vals[i+1], _ = e.Get(path)
	}
	return s.convertValues(vals)
}

// convertValues extracts the columns of one event from the values at the
// schema's pickPaths: @timestamp (present), event.id, message, then the
// promoted fields. vals is reused for the promoted columns' values.
func (s *Store) convertValues(vals []any) (row, string) {
	ts, reason := timestampOf(vals[0])
	if reason != "" {
		return row{}, reason
	}
	id, _ := vals[1].(string)
	if id == "" {
		return row{}, "missing event.id"
	}
	r := row{ts: ts, id: id, hash: idHash(id), table: tableName(dayOf(ts))}
	if r.message, reason = convert(TypeText, vals[2]); reason != "" {
		return row{}, `field "message": ` + reason
	}
	if m, ok := r.message.(string); ok {
		r.sig = messageSignature(m)
	}
	r.promoted = vals[3:]
	for j, c := range s.sch.promoted {
		if r.promoted[j], reason = convert(c.typ, r.promoted[j]); reason != "" {
			return row{}, fmt.Sprintf("field %q: %s", c.field, reason)
		}
	}
	return r, ""
}

// commit drops already stored events, encodes the rest and appends them in
// one transaction. It returns the rows written.
func (s *Store) commit(ctx context.Context, rows []row, res *store.WriteResult) (_ []row, err error) {
	if len(rows) == 0 {
		return nil, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			rollback(ctx, conn)
		}
	}()
	if rows, err = s.dropStored(ctx, conn, rows, res); err != nil {
		return nil, err
	}
	rows = encodeDocs(rows, res)
	if err := s.appendRows(ctx, conn, rows); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, err
	}
	return rows, nil
}

// rollback aborts the connection's transaction; if even that fails, the
// connection is discarded rather than returned to the pool mid-transaction.
func rollback(ctx context.Context, conn *sql.Conn) {
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); err != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}

// dropStored removes rows whose id is already stored, in any partition: a
// client retry may carry a different receive time and so belong to
// another day. The id filters clear almost every row; the few they cannot
// clear are looked up in one query over the partitions whose filter
// answered "maybe".
func (s *Store) dropStored(ctx context.Context, q querier, rows []row, res *store.WriteResult) ([]row, error) {
	var candidates []uint64
	hit := map[string]bool{}
	s.mu.RLock()
	for _, r := range rows {
		found := false
		for _, p := range s.parts {
			if p.ids.mayContain(r.hash) {
				hit[p.table], found = true, true
			}
		}
		if found {
			candidates = append(candidates, r.hash)
		}
	}
	s.mu.RUnlock()
	if len(candidates) == 0 {
		return rows, nil
	}
	stored, err := storedIDs(ctx, q, slices.Sorted(maps.Keys(hit)), candidates)
	if err != nil || len(stored) == 0 {
		return rows, err
	}
	kept := rows[:0]
	for _, r := range rows {
		if stored[r.id] {
			res.Duplicates++
			continue
		}
		kept = append(kept, r)
	}
	return kept, nil
}

// encodeDocs renders each row's event as the JSON document to store, the
// only encoding an event gets: searches return it as is. An event that
// cannot be encoded (a NaN put there by a caller) is rejected.
func encodeDocs(rows []row, res *store.WriteResult) []row {
	errs := make([]error, len(rows))
	parallel(len(rows), func(i int) {
		r := &rows[i]
		if r.ev == nil {
			return // the caller's document
		}
		doc, err := event.AppendJSON(make([]byte, 0, 512), r.ev)
		r.doc, r.ev, errs[i] = string(doc), nil, err
	})
	kept := rows[:0]
	for i, r := range rows {
		if errs[i] != nil {
			res.Rejected = append(res.Rejected, store.Rejection{Index: r.index, Reason: "cannot encode event: " + errs[i].Error()})
			continue
		}
		kept = append(kept, r)
	}
	slices.SortFunc(res.Rejected, func(a, b store.Rejection) int { return cmp.Compare(a.Index, b.Index) })
	return kept
}
