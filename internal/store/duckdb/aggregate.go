package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// Aggregation limits: the default number of field buckets, and the most
// buckets a request may produce (Elasticsearch's search.max_buckets).
const (
	defaultSize = 10
	maxBuckets  = 65536
)

// Aggregate counts matching events by a field's values or per time bucket.
// Total counts every match, including those without the field.
func (s *Store) Aggregate(ctx context.Context, req store.AggregateRequest) (store.AggregateResult, error) {
	res := store.AggregateResult{Buckets: []store.Bucket{}}
	if s.closed.Load() {
		return res, ErrClosed
	}
	if (req.Field == "") == (req.Interval == 0) {
		return res, fmt.Errorf("%w: set exactly one of field and interval", store.ErrBadRequest)
	}
	if req.Interval < 0 {
		return res, fmt.Errorf("%w: negative interval %s", store.ErrBadRequest, req.Interval)
	}
	if req.Size < 0 || req.Size > maxBuckets {
		return res, fmt.Errorf("%w: size %d outside 0..%d", store.ErrBadRequest, req.Size, maxBuckets)
	}
	s.dropMu.RLock()
	defer s.dropMu.RUnlock()
	f, err := s.translate(req.Query, req.From, req.To)
	if err != nil || len(f.parts) == 0 {
		return res, err
	}
	if req.Interval > 0 {
		res, err = f.histogram(ctx, s.db, req.Interval)
		return res, s.classify(err)
	}
	col, ok, err := (&translator{sch: s.sch}).fieldOf(req.Field)
	if err != nil {
		return res, err
	}
	size := req.Size
	if size == 0 {
		size = defaultSize
	}
	if ok {
		res, err = f.byColumn(ctx, s.db, col, size)
	} else {
		res, err = f.byJSON(ctx, s.db, req.Field, size)
	}
	return res, s.classify(err)
}

// histogram counts matches per interval, buckets aligned to the Unix epoch;
// empty buckets between the first and the last are included, as in an
// Elasticsearch date_histogram.
func (f *filter) histogram(ctx context.Context, db *sql.DB, interval time.Duration) (store.AggregateResult, error) {
	res := store.AggregateResult{Buckets: []store.Bucket{}}
	q := "SELECT b, sum(c)::BIGINT FROM (" + union(f.parts, func(p partView) string {
		return "SELECT " + bucketExpr(p, int64(interval)) + " AS b, count(*) AS c FROM " + ident(p.table) +
			" WHERE " + f.where + " GROUP BY b"
	}) + ") GROUP BY b ORDER BY b"
	rows, err := db.QueryContext(ctx, q, f.args...)
	if err != nil {
		return res, fmt.Errorf("histogram: %w", err)
	}
	defer rows.Close()
	var next int64
	for rows.Next() {
		var b, c int64
		if err := rows.Scan(&b, &c); err != nil {
			return res, fmt.Errorf("histogram: %w", err)
		}
		if len(res.Buckets) > 0 && (b-next)/int64(interval) > maxBuckets-int64(len(res.Buckets)) {
			return res, fmt.Errorf("%w: more than %d buckets; use a longer interval", store.ErrBadRequest, maxBuckets)
		}
		for ; len(res.Buckets) > 0 && next < b; next += int64(interval) {
			res.Buckets = append(res.Buckets, store.Bucket{Key: time.Unix(0, next).UTC(), Count: 0})
		}
		res.Buckets = append(res.Buckets, store.Bucket{Key: time.Unix(0, b).UTC(), Count: c})
		res.Total += c
		next = b + int64(interval)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("histogram: %w", err)
	}
	return res, nil
}

// byColumn counts by a column's values: the size most frequent, ties by
// value. The first row of the result is the total.
func (f *filter) byColumn(ctx context.Context, db *sql.DB, col column, size int) (store.AggregateResult, error) {
	c := ident(col.name)
	q := "WITH g AS (SELECT k, sum(c)::BIGINT AS c FROM (" + union(f.parts, func(p partView) string {
		return "SELECT " + c + " AS k, count(*) AS c FROM " + ident(p.table) + " WHERE " + f.where + " GROUP BY k"
	}) + ") GROUP BY k) " + topBuckets("(SELECT coalesce(sum(c), 0) FROM g)", "SELECT * FROM g WHERE k IS NOT NULL", size, columnKeyOrder(col))
	return f.buckets(ctx, db, q, func(k any) any { return columnKey(col.typ, k) })
}

// byJSON counts by the values of a field read from the document: each
// distinct scalar of an array counts once per event.
func (f *filter) byJSON(ctx context.Context, db *sql.DB, field string, size int) (store.AggregateResult, error) {
	q := "WITH m AS MATERIALIZED (" + union(f.parts, func(part partView) string {
		return "SELECT " + jsonElems(field) + " AS j FROM " + ident(part.table) + " WHERE " + f.where
	}) + "), v AS (SELECT unnest(list_distinct(j)) AS k FROM m), " +
		"g AS (SELECT k::VARCHAR AS k, count(*)::BIGINT AS c FROM v " +
		"WHERE json_type(k) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN') GROUP BY k) " +
		topBuckets("(SELECT count(*) FROM m)", "SELECT * FROM g", size, jsonKeyOrder)
	return f.buckets(ctx, db, q, jsonKey)
}

// topBuckets selects the total as the first row (k NULL, o 0) and then
// the size largest groups (k, c) of groups, ties ordered by the tie
// expression over k.
func topBuckets(total, groups string, size int, tie string) string {
	return "SELECT k, c, o FROM (SELECT NULL AS k, " + total + "::BIGINT AS c, 0 AS o " +
		"UNION ALL (SELECT k, c, 1 AS o FROM (" + groups + ") ORDER BY c DESC, " + tie + " LIMIT " + strconv.Itoa(size) + ")) " +
		"ORDER BY o, c DESC, " + tie
}

// columnKeyOrder orders a column's values: IP addresses as addresses (see
// ipKey), the rest as DuckDB compares them.
func columnKeyOrder(col column) string {
	if col.typ == TypeIP {
		return ipKeySQL("k") + ", k"
	}
	return "k"
}

// jsonKeyOrder orders the JSON texts of document values by value: numbers
// numerically (80 before 443, as an Elasticsearch terms aggregation on a
// numeric field does), then the rest by their text.
const jsonKeyOrder = "TRY_CAST(k AS DOUBLE) NULLS LAST, k"

// buckets runs a topBuckets query.
func (f *filter) buckets(ctx context.Context, db *sql.DB, q string, key func(any) any) (store.AggregateResult, error) {
	res := store.AggregateResult{Buckets: []store.Bucket{}}
	rows, err := db.QueryContext(ctx, q, f.args...)
	if err != nil {
		return res, fmt.Errorf("aggregate: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k any
		var c int64
		var o int
		if err := rows.Scan(&k, &c, &o); err != nil {
			return res, fmt.Errorf("aggregate: %w", err)
		}
		if o == 0 {
			res.Total = c
			continue
		}
		res.Buckets = append(res.Buckets, store.Bucket{Key: key(k), Count: c})
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("aggregate: %w", err)
	}
	return res, nil
}

// columnKey converts a column value to a bucket key: strings stay, numbers
// become json.Number (as in events), dates RFC 3339 text.
func columnKey(typ string, k any) any {
	switch v := k.(type) {
	case int64:
		if typ == TypeDate {
			return time.Unix(0, v).UTC().Format(time.RFC3339Nano)
		}
		return json.Number(strconv.FormatInt(v, 10))
	case float64:
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64))
	}
	return k
}

// jsonKey decodes a JSON scalar key: string, json.Number or bool.
func jsonKey(k any) any {
	s, _ := k.(string)
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return s
	}
	return v
}
