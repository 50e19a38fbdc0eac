package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/store"
)

var _ store.MetricStore = (*Store)(nil)

// Metric returns one datapoint per non-empty epoch-aligned period, oldest
// first, for metric alarms (docs/ALERTING.md). With Field empty every
// match counts 1; otherwise each number (or numeric string) the field
// holds counts, array elements each, and anything else nothing.
// Percentiles are exact nearest-rank, as alarm.Statistic computes them
// from in-memory values, so an alarm gives the same datapoint whichever
// source feeds it.
func (s *Store) Metric(ctx context.Context, req store.MetricRequest) (store.MetricResult, error) {
	res := store.MetricResult{Buckets: []store.MetricBucket{}}
	if s.closed.Load() {
		return res, ErrClosed
	}
	if err := req.Validate(); err != nil {
		return res, err
	}
	s.dropMu.RLock()
	defer s.dropMu.RUnlock()
	var value string
	if req.Field != "" {
		var err error
		if value, err = s.metricValue(req.Field); err != nil {
			return res, err
		}
	}
	f, err := s.translate(req.Query, req.From, req.To)
	if err != nil || len(f.parts) == 0 {
		return res, err
	}
	if req.Field == "" {
		res.Buckets, err = f.metricCounts(ctx, s.db, req)
	} else {
		res.Buckets, err = f.metricValues(ctx, s.db, req, value)
	}
	return res, s.classify(err)
}

// metricValue returns the SQL expression of a row's values of field: a
// numeric or string column as it is (numeric strings are cast later), or
// an unnested list of the document's values as text. Other columns
// (dates, booleans, addresses) hold no metric values.
func (s *Store) metricValue(field string) (string, error) {
	col, ok, err := (&translator{sch: s.sch}).fieldOf(field)
	if err != nil {
		return "", err
	}
	if !ok {
		return "unnest(" + jsonValues(field) + ")", nil
	}
	switch col.typ {
	case TypeLong, TypeDouble, TypeKeyword, TypeText:
		return ident(col.name), nil
	}
	return "", fmt.Errorf("%w: field %q of type %s holds no metric values", store.ErrBadRequest, field, col.typ)
}

// metricCounts answers a request without a field: each match is the
// value 1, so every statistic follows from the count.
func (f *filter) metricCounts(ctx context.Context, db *sql.DB, req store.MetricRequest) ([]store.MetricBucket, error) {
	q := "SELECT b, sum(c)::BIGINT FROM (" + union(f.parts, func(p partView) string {
		return "SELECT " + bucketExpr(p, int64(req.Interval)) + " AS b, count(*) AS c FROM " + ident(p.table) +
			" WHERE " + f.where + " GROUP BY b"
	}) + ") GROUP BY b ORDER BY b LIMIT " + strconv.Itoa(maxBuckets+1)
	out := []store.MetricBucket{}
	err := scanMetric(ctx, db, q, f.args, func(scan func(...any) error) error {
		var b, n int64
		if err := scan(&b, &n); err != nil {
			return err
		}
		mb := store.MetricBucket{Start: time.Unix(0, b).UTC(), Count: n, Sum: float64(n), Min: 1, Max: 1}
		for range req.Percentiles {
			mb.Percentiles = append(mb.Percentiles, 1)
		}
		out = append(out, mb)
		return nil
	})
	return out, err
}

// metricValues computes the statistics of a field's values per period.
// Percentiles are read from the period's sorted values at the
// nearest rank, ceil(p * n / 100) clamped to 1, in DuckDB's IEEE doubles
// in the same order of operations as alarm.Statistic (DuckDB's quantile_disc picks the same element in exact arithmetic
// but computes the rank as n - floor(n - p*n), which rounds differently).
func (f *filter) metricValues(ctx context.Context, db *sql.DB, req store.MetricRequest, value string) ([]store.MetricBucket, error) {
	args := f.args
	var sorted string
	var ranks []string
	if len(req.Percentiles) > 0 {
		sorted = ", list_sort(list(v)) AS l"
		for _, p := range req.Percentiles {
			var ph string
			args, ph = withArg(args, p)
			ranks = append(ranks, ", l[greatest(ceil("+ph+"::DOUBLE * n / 100.0), 1)::BIGINT]")
		}
	}
	q := "WITH r AS (" + union(f.parts, func(p partView) string {
		return "SELECT " + bucketExpr(p, int64(req.Interval)) + " AS b, " + value + " AS v FROM " + ident(p.table) +
			" WHERE " + f.where
	}) + "), x AS (SELECT b, TRY_CAST(v AS DOUBLE) AS v FROM r), " +
		"g AS (SELECT b, count(*)::BIGINT AS n, sum(v) AS s, min(v) AS lo, max(v) AS hi" + sorted +
		" FROM x WHERE isfinite(v) GROUP BY b) SELECT b, n, s, lo, hi" + strings.Join(ranks, "") +
		" FROM g ORDER BY b LIMIT " + strconv.Itoa(maxBuckets+1)
	out := []store.MetricBucket{}
	err := scanMetric(ctx, db, q, args, func(scan func(...any) error) error {
		var b int64
		mb := store.MetricBucket{Percentiles: make([]float64, len(req.Percentiles))}
		dest := []any{&b, &mb.Count, &mb.Sum, &mb.Min, &mb.Max}
		for i := range mb.Percentiles {
			dest = append(dest, &mb.Percentiles[i])
		}
		if err := scan(dest...); err != nil {
			return err
		}
		if len(mb.Percentiles) == 0 {
			mb.Percentiles = nil
		}
		mb.Start = time.Unix(0, b).UTC()
		out = append(out, mb)
		return nil
	})
	return out, err
}

// withArg returns args followed by v, and v's placeholder.
func withArg(args []any, v any) ([]any, string) {
	args = append(args[:len(args):len(args)], v)
	return args, "$" + strconv.Itoa(len(args))
}

// scanMetric runs a metric query and hands each row to row, refusing more
// than maxBuckets periods as Aggregate does.
func scanMetric(ctx context.Context, db *sql.DB, q string, args []any, row func(scan func(...any) error) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("metric: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if n++; n > maxBuckets {
			return fmt.Errorf("%w: more than %d periods; use a longer interval", store.ErrBadRequest, maxBuckets)
		}
		if err := row(rows.Scan); err != nil {
			return fmt.Errorf("metric: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("metric: %w", err)
	}
	return nil
}
