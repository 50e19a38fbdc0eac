package duckdb

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"

	duckdb "github.com/marcboeker/go-duckdb/v2"
)

// appendRows appends rows to their day partitions, oldest first within a
// day so that each row group covers a narrow time range and time filters
// skip the rest. The appenders run on the transaction's connection, whose
// transaction they join (DuckDB appenders use their connection's
// transaction context), so a failure leaves nothing behind.
func (s *Store) appendRows(ctx context.Context, conn *sql.Conn, rows []row) error {
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.table, b.table), cmp.Compare(a.ts, b.ts))
	})
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end].table == rows[start].table {
			end++
		}
		cols, err := s.ensureTable(ctx, conn, rows[start].table)
		if err != nil {
			return err
		}
		if err := appendTable(conn, rows[start].table, s.layout(cols), rows[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// ensureTable returns a partition's columns, creating its table (inside
// the transaction) when it is new.
func (s *Store) ensureTable(ctx context.Context, conn *sql.Conn, table string) ([]string, error) {
	s.mu.RLock()
	p := s.parts[table]
	s.mu.RUnlock()
	if p != nil {
		return p.columns, nil
	}
	if _, err := conn.ExecContext(ctx, s.sch.createTableSQL(table)); err != nil {
		return nil, fmt.Errorf("create partition %s: %w", table, err)
	}
	return s.sch.columnNames(), nil
}

// Sources of a table column's value in appendTable.
const (
	srcTS = -1 - iota
	srcID
	srcHash
	srcMessage
	srcSig0
	srcSig1
	srcDoc
	srcNull
)

// layout maps a table's columns to row fields: a promoted column's index
// or a src constant. Columns no longer configured get NULL.
func (s *Store) layout(cols []string) []int {
	builtin := map[string]int{colTS: srcTS, colID: srcID, colIDHash: srcHash, colMessage: srcMessage,
		colSig0: srcSig0, colSig1: srcSig1, colDoc: srcDoc}
	promoted := make(map[string]int, len(s.sch.promoted))
	for j, c := range s.sch.promoted {
		promoted[c.name] = j
	}
	out := make([]int, len(cols))
	for i, c := range cols {
		if src, ok := builtin[c]; ok {
			out[i] = src
		} else if j, ok := promoted[c]; ok {
			out[i] = j
		} else {
			out[i] = srcNull
		}
	}
	return out
}

// appendTable appends rows to one table with a DuckDB appender.
func appendTable(conn *sql.Conn, table string, layout []int, rows []row) error {
	return conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return fmt.Errorf("appender for %s: %w", table, err)
		}
		vals := make([]driver.Value, len(layout))
		for _, r := range rows {
			for i, src := range layout {
				vals[i] = r.value(src)
			}
			if err := app.AppendRow(vals...); err != nil {
				_ = app.Close()
				return fmt.Errorf("append to %s: %w", table, err)
			}
		}
		if err := app.Close(); err != nil {
			return fmt.Errorf("flush %s: %w", table, err)
		}
		return nil
	})
}

// value returns the row's value for a layout source.
func (r *row) value(src int) driver.Value {
	switch src {
	case srcTS:
		return r.ts
	case srcID:
		return r.id
	case srcHash:
		return r.hash
	case srcMessage:
		return r.message
	case srcSig0:
		return r.sig[0]
	case srcSig1:
		return r.sig[1]
	case srcDoc:
		return r.doc
	case srcNull:
		return nil
	}
	return r.promoted[src]
}

// register records committed rows: new partitions, event counts and ids.
func (s *Store) register(rows []row) {
	if len(rows) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range rows {
		p := s.parts[r.table]
		if p == nil {
			p = &partition{day: dayOf(r.ts), table: r.table, columns: s.sch.columnNames(), ids: newIDFilter(0)}
			s.parts[r.table] = p
		}
		p.add(r.ts)
		p.ids.add(r.hash)
	}
}
