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
		lo, hi, ok := numericBounds(r, col.typ == TypeLong)
		if !ok {
			return "", fmt.Errorf("%w: range on numeric field %q needs numeric bounds", store.ErrBadRequest, col.field)
		}
		return t.bounds(c, r, lo, hi), nil
	case TypeBoolean:
		return "", fmt.Errorf("%w: range on boolean field %q", store.ErrBadRequest, col.field)
	case TypeIP:
		return t.ipRange(col, r)
	}
	if lo, hi, ok := numericBounds(r, false); ok {
		return t.bounds("TRY_CAST("+c+" AS DOUBLE)", r, lo, hi), nil
	}
	return t.bounds(c, r, r.Lower, r.Upper), nil
}

// numericBounds parses the set bounds as numbers; ok is false when one of
// them is not a number.
func numericBounds(r query.Range, preferInt bool) (lo, hi any, ok bool) {
	if r.HasLower {
		if lo, ok = numberArg(r.Lower, preferInt); !ok {
			return nil, nil, false
		}
	}
	if r.HasUpper {
		if hi, ok = numberArg(r.Upper, preferInt); !ok {
			return nil, nil, false
		}
	}
	return lo, hi, true
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

// timeRange bounds a nanosecond column by instants. A bound names a span
// (see span): an inclusive lower bound starts at its start, an exclusive
// one after its end; an inclusive upper bound ends with its end, an
// exclusive one before its start.
func (t *translator) timeRange(c string, r query.Range) (string, error) {
	var parts []string
	if r.HasLower {
		sp, err := parseInstant(r.Lower, t.now)
		if err != nil {
			return "", err
		}
		v := sp.end
		if r.IncludeLower {
			v = sp.start
		}
		parts = append(parts, c+" >= "+t.param(v))
	}
	if r.HasUpper {
		sp, err := parseInstant(r.Upper, t.now)
		if err != nil {
			return "", err
		}
		v := sp.start
		if r.IncludeUpper {
			v = sp.end
		}
		parts = append(parts, c+" < "+t.param(v))
	}
	if len(parts) == 0 {
		return c + " IS NOT NULL", nil
	}
	return "(" + strings.Join(parts, " AND ") + ")", nil
}
