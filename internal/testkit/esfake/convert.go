package esfake

import (
	"encoding/json"
	"math"
	"net/netip"
	"strconv"
	"strings"
)

// skip is returned by convert for a value that is kept in _source but not
// indexed (keyword above ignore_above, unsupported types).
type skipValue struct{}

// integer type bounds.
var intBounds = map[string][2]float64{
	"long": {math.MinInt64, math.MaxInt64}, "integer": {math.MinInt32, math.MaxInt32},
	"short": {math.MinInt16, math.MaxInt16}, "byte": {math.MinInt8, math.MaxInt8},
	"unsigned_long": {0, math.MaxUint64},
}

// convert turns a JSON scalar into the value f indexes: string for text
// and keyword, float64 for numbers, int64 Unix nanos for dates, bool,
// netip.Addr; ok false when the value does not fit the type.
func (f *fieldType) convert(v any) (any, bool) {
	switch f.kind() {
	case kindText:
		s, _ := stringValue(v)
		return s, true
	case kindKeyword:
		s, _ := stringValue(v)
		if f.IgnoreAbove > 0 && len([]rune(s)) > f.IgnoreAbove {
			return skipValue{}, true
		}
		return s, true
	case kindLong, kindFloat:
		return f.number(v)
	case kindDate:
		n, ok := parseDate(v, f.Format)
		if !ok {
			return nil, false
		}
		return truncDate(n, f.Type), true
	case kindBool:
		return boolField(v)
	case kindIP:
		s, ok := v.(string)
		if !ok {
			return nil, false
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, false
		}
		return a.Unmap(), true
	}
	return skipValue{}, true
}

// number coerces v as numeric fields do: numbers and numeric strings,
// integers truncated, floats rounded to float32 for float types.
func (f *fieldType) number(v any) (any, bool) {
	var x float64
	switch n := v.(type) {
	case json.Number:
		var err error
		if x, err = strconv.ParseFloat(string(n), 64); err != nil {
			return nil, false
		}
	case string:
		var err error
		if x, err = strconv.ParseFloat(strings.TrimSpace(n), 64); err != nil {
			return nil, false
		}
	case float64:
		x = n
	default:
		return nil, false
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil, false
	}
	if b, isInt := intBounds[f.Type]; isInt {
		x = math.Trunc(x)
		if x < b[0] || x > b[1] {
			return nil, false
		}
		return x, true
	}
	if f.Type == "float" || f.Type == "half_float" {
		if math.Abs(x) > math.MaxFloat32 {
			return nil, false
		}
		x = float64(float32(x))
	}
	return x, true
}

func boolField(v any) (any, bool) {
	switch b := v.(type) {
	case bool:
		return b, true
	case string:
		switch b {
		case "true":
			return true, true
		case "false", "":
			return false, true
		}
	}
	return nil, false
}

// preview renders a rejected value as the error message shows it.
func preview(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}
