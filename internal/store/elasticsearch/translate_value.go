package elasticsearch

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// numberTerm compares a numeric field with a number; any other value
// matches nothing.
func numberTerm(field, typ string, n query.Term) (dsl, error) {
	if n.Kind == query.Wildcard {
		if strings.Trim(n.Value, "*") == "" {
			return dsl{"exists": dsl{"field": field}}, nil
		}
		return nil, fmt.Errorf("%w: wildcard on numeric field %q (use a range)", store.ErrBadRequest, field)
	}
	v, ok := numberArg(n.Value, typ == typeLong)
	if !ok {
		return matchNone, nil
	}
	if f, isFloat := v.(float64); isFloat && typ == typeLong {
		if f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
			return matchNone, nil
		}
		v = int64(f)
	}
	return dsl{"term": dsl{field: dsl{"value": v}}}, nil
}

// boolTerm compares a boolean field; a wildcard is matched against "true"
// and "false" here, since the cluster cannot run one on booleans.
func boolTerm(field string, n query.Term) dsl {
	if n.Kind != query.Wildcard {
		if n.Value != "true" && n.Value != "false" {
			return matchNone
		}
		return dsl{"term": dsl{field: dsl{"value": n.Value == "true"}}}
	}
	re := wildcardRegexp(n.Value)
	var vals []any
	for _, v := range []bool{true, false} {
		if re.MatchString(strconv.FormatBool(v)) {
			vals = append(vals, v)
		}
	}
	switch len(vals) {
	case 0:
		return matchNone
	case 2:
		return dsl{"exists": dsl{"field": field}}
	}
	return dsl{"term": dsl{field: dsl{"value": vals[0]}}}
}

// wildcardRegexp compiles a query wildcard value (escaped as query.Wildcard
// says) to an anchored expression.
func wildcardRegexp(v string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^(?s)`)
	escaped := false
	for _, r := range v {
		switch {
		case escaped:
			escaped = false
			b.WriteString(regexp.QuoteMeta(string(r)))
		case r == '\\':
			escaped = true
		case r == '*':
			b.WriteString(`.*`)
		case r == '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

var reNumber = regexp.MustCompile(`^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$`)

// numberArg parses a decimal number as the DuckDB store does: an int64
// when integral and wanted, a float64 otherwise.
func numberArg(s string, preferInt bool) (any, bool) {
	if !reNumber.MatchString(s) {
		return nil, false
	}
	if preferInt {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, false
	}
	return f, true
}

// instant formats Unix nanoseconds for a date bound.
func instant(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }
