package elasticsearch

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

func (t *translator) rangeOf(r query.Range) (dsl, error) {
	field, typ, err := t.fieldOf(r.Field)
	if err != nil {
		return nil, err
	}
	if !r.HasLower && !r.HasUpper {
		return dsl{"exists": dsl{"field": field}}, nil
	}
	switch typ {
	case typeDate:
		return t.timeRange(field, r)
	case typeBoolean:
		return nil, fmt.Errorf("%w: range on boolean field %q", store.ErrBadRequest, field)
	case typeLong, typeDouble:
		lo, hi, ok := numericBounds(r, typ == typeLong)
		if !ok {
			return nil, fmt.Errorf("%w: range on numeric field %q needs numeric bounds", store.ErrBadRequest, field)
		}
		return bounds(field, r, lo, hi), nil
	case typeIP:
		return ipRange(field, r)
	}
	if lo, hi, ok := numericBounds(r, false); ok {
		return bounds(field, r, lo, hi), nil
	}
	return bounds(field, r, r.Lower, r.Upper), nil
}

// numericBounds parses the set bounds as numbers; ok is false when one is
// not a number.
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

func bounds(field string, r query.Range, lo, hi any) dsl {
	b := dsl{}
	if r.HasLower {
		op := "gt"
		if r.IncludeLower {
			op = "gte"
		}
		b[op] = jsonValue(lo)
	}
	if r.HasUpper {
		op := "lt"
		if r.IncludeUpper {
			op = "lte"
		}
		b[op] = jsonValue(hi)
	}
	return dsl{"range": dsl{field: b}}
}

// jsonValue writes float64 bounds with their shortest exact text.
func jsonValue(v any) any {
	if f, ok := v.(float64); ok {
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return v
}

// timeRange bounds a date field by instants, as the DuckDB store does: an
// inclusive lower bound starts at its span's start, an exclusive one after
// its end; an inclusive upper bound ends with its end, an exclusive one
// before its start.
func (t *translator) timeRange(field string, r query.Range) (dsl, error) {
	b := dsl{}
	if r.HasLower {
		sp, err := parseInstant(r.Lower, t.now)
		if err != nil {
			return nil, err
		}
		v := sp.end
		if r.IncludeLower {
			v = sp.start
		}
		b["gte"] = instant(v)
	}
	if r.HasUpper {
		sp, err := parseInstant(r.Upper, t.now)
		if err != nil {
			return nil, err
		}
		v := sp.start
		if r.IncludeUpper {
			v = sp.end
		}
		b["lt"] = instant(v)
	}
	return dsl{"range": dsl{field: b}}, nil
}
