package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// filter is a translated request: the condition on one partition, its
// arguments and the partitions to run it on.
type filter struct {
	where    string
	args     []any
	parts    []partView
	from, to time.Time
}

// translate turns a query and time range into a filter.
func (s *Store) translate(q query.Node, from, to time.Time) (*filter, error) {
	t := &translator{sch: s.sch, now: s.now()}
	w, err := t.where(q)
	if err != nil {
		return nil, err
	}
	if !from.IsZero() {
		n, err := nanos(from)
		if err != nil {
			return nil, err
		}
		w += " AND ts >= " + t.param(n)
	}
	if !to.IsZero() {
		n, err := nanos(to)
		if err != nil {
			return nil, err
		}
		w += " AND ts < " + t.param(n)
	}
	return &filter{where: w, args: t.args, parts: s.snapshot(from, to), from: from, to: to}, nil
}

// with returns the condition's arguments followed by v, and v's
// placeholder.
func (f *filter) with(v any) ([]any, string) {
	return withArg(f.args, v)
}

// union joins one SELECT per partition with UNION ALL; each is wrapped in
// parentheses so that it may carry its own ORDER BY and LIMIT.
func union(parts []partView, sel func(p partView) string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = "(" + sel(p) + ")"
	}
	return strings.Join(out, " UNION ALL ")
}

// Search returns the exact total number of matches and the newest (or
// oldest) Limit of them, from one read transaction so the two agree. From
// is inclusive, To exclusive.
//
// Sorting every match to return a hundred would cost as much as the count
// again, so Search first finds a cutoff: a time beyond which no hit lies.
// It counts the matches in growing windows at the sorted end (DuckDB
// skips the row groups outside a window by their ts statistics); a broad
// query fills the first window at once. When the windows do not fill, the
// total is counted per minute instead, which gives the cutoff with the
// same scan. The hits are then read from the near side of the cutoff only.
func (s *Store) Search(ctx context.Context, req store.SearchRequest) (store.SearchResult, error) {
	res := store.SearchResult{Hits: []json.RawMessage{}}
	if s.closed.Load() {
		return res, ErrClosed
	}
	if req.Limit < 0 {
		return res, fmt.Errorf("%w: negative limit %d", store.ErrBadRequest, req.Limit)
	}
	s.dropMu.RLock()
	defer s.dropMu.RUnlock()
	f, err := s.translate(req.Query, req.From, req.To)
	if err != nil || len(f.parts) == 0 {
		return res, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, s.classify(fmt.Errorf("search: %w", err))
	}
	defer func() { _ = tx.Rollback() }()
	var cutoff *int64
	if req.Limit == 0 {
		res.Total, err = f.count(ctx, tx, nil)
	} else {
		res.Total, cutoff, err = f.totalAndCutoff(ctx, tx, req.Limit, req.SortAscending)
	}
	if err != nil || res.Total == 0 || req.Limit == 0 {
		return res, s.classify(err)
	}
	res.Hits, err = f.hits(ctx, tx, req, cutoff)
	return res, s.classify(err)
}

// probeWidths are the windows Search counts before falling back to a
// per-minute count of everything.
var probeWidths = []int64{int64(time.Minute), int64(16 * time.Minute), int64(256 * time.Minute)}

// cutoffBucket is the width of the per-minute counts of the fallback.
const cutoffBucket = int64(time.Minute)

// window restricts a filter to one side of a cutoff: ts >= c when
// descending, ts < c when ascending.
type window struct {
	cutoff int64
	asc    bool
}

func (w *window) cond(placeholder string) string {
	if w.asc {
		return " AND ts < " + placeholder
	}
	return " AND ts >= " + placeholder
}

// parts keeps the partitions with rows on the near side of the cutoff.
func (w *window) parts(parts []partView) []partView {
	var out []partView
	for _, p := range parts {
		if (w.asc && p.minTS < w.cutoff) || (!w.asc && p.maxTS >= w.cutoff) {
			out = append(out, p)
		}
	}
	return out
}

// totalAndCutoff returns the number of matches and the cutoff for the
// first limit of them (nil when they all fit).
func (f *filter) totalAndCutoff(ctx context.Context, tx *sql.Tx, limit int, asc bool) (int64, *int64, error) {
	oldest, newest := f.parts[0].minTS, f.parts[len(f.parts)-1].maxTS+1
	if !f.from.IsZero() {
		oldest = max(oldest, f.from.UnixNano())
	}
	if !f.to.IsZero() {
		newest = min(newest, f.to.UnixNano())
	}
	edge, far := newest, oldest
	if asc {
		edge, far = oldest, newest
	}
	for _, width := range probeWidths {
		c := edge - width
		if asc {
			c = edge + width
		}
		w := &window{cutoff: c, asc: asc}
		n, err := f.count(ctx, tx, w)
		if err != nil {
			return 0, nil, err
		}
		if (!asc && c <= far) || (asc && c >= far) {
			return n, nil, nil // the window held everything
		}
		if n >= int64(limit) {
			total, err := f.count(ctx, tx, nil)
			return total, &c, err
		}
	}
	return f.countPerMinute(ctx, tx, limit, asc)
}

// count returns the number of matches, within w when it is set.
func (f *filter) count(ctx context.Context, tx *sql.Tx, w *window) (int64, error) {
	where, parts, args := f.where, f.parts, f.args
	if w != nil {
		var p string
		args, p = f.with(w.cutoff)
		where += w.cond(p)
		parts = w.parts(parts)
	}
	if len(parts) == 0 {
		return 0, nil
	}
	q := "SELECT coalesce(sum(n), 0)::BIGINT FROM (" + union(parts, func(p partView) string {
		return "SELECT count(*) AS n FROM " + ident(p.table) + " WHERE " + where
	}) + ")"
	var n int64
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count matches: %w", err)
	}
	return n, nil
}

// countPerMinute counts the matches per minute and returns their total and
// the start (descending) or end (ascending) of the minute in which the
// limit-th match lies; the cutoff is nil when all matches fit in limit.
func (f *filter) countPerMinute(ctx context.Context, tx *sql.Tx, limit int, asc bool) (int64, *int64, error) {
	dir := "DESC"
	if asc {
		dir = "ASC"
	}
	args, limitParam := f.with(int64(limit))
	q := "WITH h AS (SELECT b, sum(c) AS c FROM (" + union(f.parts, func(p partView) string {
		return "SELECT " + bucketExpr(p, cutoffBucket) + " AS b, count(*) AS c FROM " + ident(p.table) +
			" WHERE " + f.where + " GROUP BY b"
	}) + ") GROUP BY b) SELECT (SELECT coalesce(sum(c), 0) FROM h)::BIGINT, " +
		"(SELECT b FROM (SELECT b, sum(c) OVER (ORDER BY b " + dir + ") AS cum FROM h) WHERE cum >= " +
		limitParam + " ORDER BY b " + dir + " LIMIT 1)"
	var total int64
	var cut sql.NullInt64
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&total, &cut); err != nil {
		return 0, nil, fmt.Errorf("count matches: %w", err)
	}
	if !cut.Valid {
		return total, nil, nil
	}
	c := cut.Int64
	if asc {
		c += cutoffBucket
	}
	return total, &c, nil
}

// bucketExpr is the start of the epoch-aligned bucket of width ns holding
// ts. Partitions from 1970 on hold no negative ts and need one modulo.
func bucketExpr(p partView, width int64) string {
	w := strconv.FormatInt(width, 10)
	if p.day.Unix() >= 0 {
		return "ts - ts % " + w
	}
	return "ts - (ts % " + w + " + " + w + ") % " + w
}

// hits fetches the documents of the first Limit matches in sort order,
// reading only the partitions and rows on the near side of cutoff.
func (f *filter) hits(ctx context.Context, tx *sql.Tx, req store.SearchRequest, cutoff *int64) ([]json.RawMessage, error) {
	where, parts, args := f.where, f.parts, f.args
	if cutoff != nil {
		w := &window{cutoff: *cutoff, asc: req.SortAscending}
		var p string
		args, p = f.with(*cutoff)
		where += w.cond(p)
		parts = w.parts(parts)
	}
	order := " ORDER BY ts DESC, id DESC LIMIT " + strconv.Itoa(req.Limit)
	if req.SortAscending {
		order = " ORDER BY ts ASC, id ASC LIMIT " + strconv.Itoa(req.Limit)
	}
	q := "SELECT doc FROM (" + union(parts, func(p partView) string {
		return "SELECT ts, id, doc FROM " + ident(p.table) + " WHERE " + where + order
	}) + ")" + order
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("fetch hits: %w", err)
	}
	defer rows.Close()
	out := make([]json.RawMessage, 0, req.Limit)
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("fetch hits: %w", err)
		}
		out = append(out, json.RawMessage(doc))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("fetch hits: %w", err)
	}
	return out, nil
}
