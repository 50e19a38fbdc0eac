package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// A partition is the table of one UTC day, named events_YYYYMMDD, so that
// searches skip days outside their time range by name and retention drops
// a day with one DROP TABLE.
type partition struct {
	day     time.Time // UTC midnight
	table   string
	columns []string // in table order, for the appender
	events  int64    // rows, kept current by Write
	minTS   int64    // smallest ts, valid when events > 0
	maxTS   int64    // largest ts, valid when events > 0
	ids     *idFilter
}

// add records a committed row's timestamp.
func (p *partition) add(ts int64) {
	if p.events == 0 || ts < p.minTS {
		p.minTS = ts
	}
	if p.events == 0 || ts > p.maxTS {
		p.maxTS = ts
	}
	p.events++
}

// partView is what a query needs of a partition, copied under the lock
// so that queries run without it.
type partView struct {
	table string
	day   time.Time
	minTS int64
	maxTS int64
}

const tablePrefix = "events_"

func tableName(day time.Time) string { return tablePrefix + day.Format("20060102") }

// dayOf returns the UTC midnight of a Unix nanosecond time.
func dayOf(ts int64) time.Time {
	return time.Unix(0, ts).UTC().Truncate(24 * time.Hour)
}

// parseTableName reads the day of a partition table; ok is false for other
// tables.
func parseTableName(name string) (time.Time, bool) {
	rest, found := strings.CutPrefix(name, tablePrefix)
	if !found || len(rest) != 8 {
		return time.Time{}, false
	}
	day, err := time.Parse("20060102", rest)
	return day, err == nil
}

// end returns the first instant after the partition's day.
func (p *partition) end() time.Time { return dayEnd(p.day) }

func dayEnd(day time.Time) time.Time { return day.AddDate(0, 0, 1) }

// overlaps reports whether the day intersects [from, to); zero times are
// open ends.
func (p *partition) overlaps(from, to time.Time) bool { return dayOverlaps(p.day, from, to) }

func (v partView) overlaps(from, to time.Time) bool { return dayOverlaps(v.day, from, to) }

func dayOverlaps(day, from, to time.Time) bool {
	return (to.IsZero() || day.Before(to)) && (from.IsZero() || dayEnd(day).After(from))
}

// tableColumns lists the partition tables and their columns in order.
func tableColumns(ctx context.Context, db *sql.DB) (map[string][]columnInfo, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name, data_type FROM duckdb_columns()
		WHERE database_name = current_database() AND schema_name = 'main'
		ORDER BY table_name, column_index`)
	if err != nil {
		return nil, fmt.Errorf("list partitions: %w", err)
	}
	defer rows.Close()
	out := map[string][]columnInfo{}
	for rows.Next() {
		var table string
		var c columnInfo
		if err := rows.Scan(&table, &c.name, &c.sqlType); err != nil {
			return nil, fmt.Errorf("list partitions: %w", err)
		}
		if _, ok := parseTableName(table); ok {
			out[table] = append(out[table], c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list partitions: %w", err)
	}
	return out, nil
}

// columnInfo is a column of an existing table.
type columnInfo struct{ name, sqlType string }

// sortedParts returns the partitions overlapping [from, to), oldest first.
// The caller holds s.mu.
func (s *Store) sortedParts(from, to time.Time) []*partition {
	out := make([]*partition, 0, len(s.parts))
	for _, p := range s.parts {
		if p.overlaps(from, to) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *partition) int { return a.day.Compare(b.day) })
	return out
}

// snapshot returns views of the non-empty partitions overlapping [from,
// to), oldest first, taken under the read lock; searches then run without
// holding it.
func (s *Store) snapshot(from, to time.Time) []partView {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []partView
	for _, p := range s.sortedParts(from, to) {
		if p.events > 0 {
			out = append(out, partView{table: p.table, day: p.day, minTS: p.minTS, maxTS: p.maxTS})
		}
	}
	return out
}
