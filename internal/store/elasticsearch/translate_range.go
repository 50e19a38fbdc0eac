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
		lo, hi, ok := query.NumericBounds(r, typ == typeLong)
		if !ok {
			return nil, fmt.Errorf("%w: range on numeric field %q needs numeric bounds", store.ErrBadRequest, field)
		}
		return bounds(field, r, lo, hi), nil
	case typeIP:
		return ipRange(field, r)
	}
	if lo, hi, ok := query.NumericBounds(r, false); ok {
		return bounds(field, r, lo, hi), nil
	}
	return bounds(field, r, r.Lower, r.Upper), nil
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

// timeRange bounds a date field by the instants query.DateBounds reads
// from the range, as the DuckDB store does.
func (t *translator) timeRange(field string, r query.Range) (dsl, error) {
	from, to, err := query.DateBounds(r, t.now)
	if err != nil {
		return nil, store.BadRequest(err)
	}
	b := dsl{}
	if r.HasLower {
		b["gte"] = instant(from)
	}
	if r.HasUpper {
		b["lt"] = instant(to)
	}
	return dsl{"range": dsl{field: b}}, nil
}
