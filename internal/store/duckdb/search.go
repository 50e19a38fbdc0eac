package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// cutoffBucket is the width of the per-minute counts Search takes with its
// total: they tell how far back the newest Limit matches reach, so the
// query that fetches them reads only that slice of the partitions.
const cutoffBucket = int64(time.Minute)

// filter is a translated request: the condition on one partition, its
// arguments and the partitions to run it on.
type filter struct {
	where string
	args  []any
	parts []*partition
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
	return &filter{where: w, args: t.args, parts: s.snapshot(from, to)}, nil
}

// with returns the condition's arguments followed by v, and v's
// placeholder.
func (f *filter) with(v any) ([]any, string) {
	args := append(slices.Clone(f.args), v)
	return args, "$" + strconv.Itoa(len(args))
}

// union joins one SELECT per partition with UNION ALL; each is wrapped in
// parentheses so that it may carry its own ORDER BY and LIMIT.
func union(parts []*partition, sel func(table string) string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = "(" + sel(ident(p.table)) + ")"
	}
	return strings.Join(out, " UNION ALL ")
}

// Search returns the total number of matches and the newest (or oldest)
// Limit of them. The total is exact and costs one scan of the matching
// partitions; the same scan counts matches per minute, so the hits are then
// fetched from just the minutes that hold them (DuckDB skips the other row
// groups by their ts statistics) instead of sorting every match. Both run
// in one read transaction and so agree with each other. From is
// inclusive, To exclusive.
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
	if req.Limit == 0 {
		res.Total, err = f.count(ctx, tx)
		return res, s.classify(err)
	}
	total, cutoff, err := f.countAndCutoff(ctx, tx, req.Limit, req.SortAscending)
	if err != nil || total == 0 {
		res.Total = total
		return res, s.classify(err)
	}
	res.Total = total
	res.Hits, err = f.hits(ctx, tx, req, cutoff)
	return res, s.classify(err)
}

// count returns the number of matches.
func (f *filter) count(ctx context.Context, tx *sql.Tx) (int64, error) {
	q := "SELECT coalesce(sum(n), 0)::BIGINT FROM (" + union(f.parts, func(t string) string {
		return "SELECT count(*) AS n FROM " + t + " WHERE " + f.where
	}) + ")"
	var n int64
	if err := tx.QueryRowContext(ctx, q, f.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count matches: %w", err)
	}
	return n, nil
}

// countAndCutoff returns the number of matches and the start (descending)
// or end (ascending) of the minute beyond which no hit can lie; cutoff is
// nil when all matches fit in limit.
func (f *filter) countAndCutoff(ctx context.Context, tx *sql.Tx, limit int, asc bool) (int64, *int64, error) {
	dir := "DESC"
	if asc {
		dir = "ASC"
	}
	w := strconv.FormatInt(cutoffBucket, 10)
	args, limitParam := f.with(int64(limit))
	q := "WITH h AS (SELECT b, sum(c) AS c FROM (" + union(f.parts, func(t string) string {
		return "SELECT ts - (ts % " + w + " + " + w + ") % " + w + " AS b, count(*) AS c FROM " + t +
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

// hits fetches the documents of the first Limit matches in sort order,
// reading only the partitions and rows on the near side of cutoff.
func (f *filter) hits(ctx context.Context, tx *sql.Tx, req store.SearchRequest, cutoff *int64) ([]json.RawMessage, error) {
	where, parts, args := f.where, f.parts, f.args
	if cutoff != nil {
		from, to := time.Unix(0, *cutoff), time.Time{}
		op := " >= "
		if req.SortAscending {
			from, to, op = time.Time{}, time.Unix(0, *cutoff), " < "
		}
		var p string
		args, p = f.with(*cutoff)
		where += " AND ts" + op + p
		parts = overlapping(parts, from, to)
	}
	order := " ORDER BY ts DESC, id DESC LIMIT " + strconv.Itoa(req.Limit)
	if req.SortAscending {
		order = " ORDER BY ts ASC, id ASC LIMIT " + strconv.Itoa(req.Limit)
	}
	q := "SELECT doc FROM (" + union(parts, func(t string) string {
		return "SELECT ts, id, doc FROM " + t + " WHERE " + where + order
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

// overlapping keeps the partitions that intersect [from, to).
func overlapping(parts []*partition, from, to time.Time) []*partition {
	var out []*partition
	for _, p := range parts {
		if p.overlaps(from, to) {
			out = append(out, p)
		}
	}
	return out
}
