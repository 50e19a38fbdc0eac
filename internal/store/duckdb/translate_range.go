package duckdb

import (
	"fmt"
	"strings"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// rangeOf translates field:[a TO b] and its relatives: instants on date
// fields, numbers when every bound is a number, strings otherwise.
func (t *translator) rangeOf(r query.Range) (string, error) {
	col, ok, err := t.fieldOf(r.Field)
	if err != nil {
		return "", err
	}
	if !ok {
		return t.jsonRange(r), nil
	}
	c := ident(col.name)
	switch col.typ {
	case TypeDate:
		return t.timeRange(c, r)
	case TypeLong, TypeDouble:
		lo, hi, ok := query.NumericBounds(r, col.typ == TypeLong)
		if !ok {
			return "", fmt.Errorf("%w: range on numeric field %q needs numeric bounds", store.ErrBadRequest, col.field)
		}
		return t.bounds(c, r, lo, hi), nil
	case TypeBoolean:
		return "", fmt.Errorf("%w: range on boolean field %q", store.ErrBadRequest, col.field)
	case TypeIP:
		return t.ipRange(col, r)
	}
	if lo, hi, ok := query.NumericBounds(r, false); ok {
		return t.bounds("TRY_CAST("+c+" AS DOUBLE)", r, lo, hi), nil
	}
	return t.bounds(c, r, r.Lower, r.Upper), nil
}

// bounds compares expr with the set bounds; with neither set it only asks
// for a value.
func (t *translator) bounds(expr string, r query.Range, lo, hi any) string {
	var parts []string
	if r.HasLower {
		op := " > "
		if r.IncludeLower {
			op = " >= "
		}
		parts = append(parts, expr+op+t.param(lo))
	}
	if r.HasUpper {
		op := " < "
		if r.IncludeUpper {
			op = " <= "
		}
		parts = append(parts, expr+op+t.param(hi))
	}
	if len(parts) == 0 {
		return expr + " IS NOT NULL"
	}
	return "(" + strings.Join(parts, " AND ") + ")"
}

// timeRange bounds a nanosecond column by the instants query.DateBounds
// reads from the range.
func (t *translator) timeRange(c string, r query.Range) (string, error) {
	from, to, err := query.DateBounds(r, t.now)
	if err != nil {
		return "", store.BadRequest(err)
	}
	var parts []string
	if r.HasLower {
		parts = append(parts, c+" >= "+t.param(from))
	}
	if r.HasUpper {
		parts = append(parts, c+" < "+t.param(to))
	}
	if len(parts) == 0 {
		return c + " IS NOT NULL", nil
	}
	return "(" + strings.Join(parts, " AND ") + ")", nil
}
