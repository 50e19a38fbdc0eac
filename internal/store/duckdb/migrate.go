package duckdb

import (
	"context"
	"fmt"

	"github.com/logstack/logstack/internal/store"
)

// migrate brings an existing partition up to the configured columns: a
// column configured since the partition was written is added and filled
// from the stored documents, so that queries on the field keep finding old
// events. Columns no longer configured stay (and are written as NULL); a
// column whose type changed is refused, because converting stored values
// is a decision for an operator, not for start-up.
func (s *Store) migrate(ctx context.Context, p *partition, cols []columnInfo) error {
	have := make(map[string]string, len(cols))
	for _, c := range cols {
		have[c.name] = c.sqlType
		p.columns = append(p.columns, c.name)
	}
	for _, b := range builtinDDL {
		if _, ok := have[b.name]; !ok {
			return fmt.Errorf("%w: table %s has no column %s: not a logstack partition", store.ErrPermanent, p.table, b.name)
		}
	}
	for _, c := range s.sch.promoted {
		want := sqlTypes[c.typ]
		got, ok := have[c.name]
		if ok && got != want {
			return fmt.Errorf("%w: column %q of %s is %s but the field is configured as %s (%s)",
				store.ErrPermanent, c.name, p.table, got, c.typ, want)
		}
		if ok {
			continue
		}
		if err := s.addColumn(ctx, p.table, c); err != nil {
			return err
		}
		p.columns = append(p.columns, c.name)
		s.logger.Info("column added", "table", p.table, "field", c.field, "type", c.typ)
	}
	return nil
}

// addColumn adds and backfills one column in a transaction.
func (s *Store) addColumn(ctx context.Context, table string, c column) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add column %q to %s: %w", c.field, table, err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	t := ident(table)
	if _, err = tx.ExecContext(ctx, "ALTER TABLE "+t+" ADD COLUMN "+ident(c.name)+" "+sqlTypes[c.typ]); err != nil {
		return fmt.Errorf("add column %q to %s: %w", c.field, table, err)
	}
	if _, err = tx.ExecContext(ctx, "UPDATE "+t+" SET "+ident(c.name)+" = "+backfillExpr(c)); err != nil {
		return fmt.Errorf("fill column %q of %s: %w", c.field, table, err)
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("add column %q to %s: %w", c.field, table, err)
	}
	return nil
}

// backfillExpr computes a column's value from the stored document, as
// close to convert as SQL allows; values that do not fit become NULL (the
// events were accepted when the field was not a column).
func backfillExpr(c column) string {
	p := literal(jsonPath(c.field))
	typ := "json_type(" + colDoc + ", " + p + ")"
	str := "json_extract_string(" + colDoc + ", " + p + ")"
	scalar := typ + " IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN')"
	switch c.typ {
	case TypeLong:
		return "CASE WHEN " + scalar + " THEN TRY_CAST(" + str + " AS BIGINT) END"
	case TypeDouble:
		return "CASE WHEN " + scalar + " THEN TRY_CAST(" + str + " AS DOUBLE) END"
	case TypeBoolean:
		return "CASE WHEN " + str + " IN ('true', 'false') THEN " + str + " = 'true' END"
	case TypeDate:
		return "CASE WHEN " + typ + " IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(" + str + " AS BIGINT) * 1000000 " +
			"WHEN " + typ + " = 'VARCHAR' THEN epoch_ns(TRY_CAST(" + str + " AS TIMESTAMPTZ)) END"
	case TypeIP:
		return "CASE WHEN " + typ + " = 'VARCHAR' THEN " + str + " END"
	}
	return "CASE WHEN " + scalar + " THEN " + str + " END"
}
