package duckdb

import (
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/timeexpr"
)

// convert turns an event value into its column's Go value (string, int64,
// float64, bool or nil). A value that does not fit the type gives a reason,
// worded for the dead-letter queue: `want long, got string "abc"`.
func convert(typ string, v any) (any, string) {
	if v == nil {
		return nil, ""
	}
	switch typ {
	case TypeKeyword, TypeText:
		return toText(v, typ)
	case TypeIP:
		s, ok := v.(string)
		if !ok {
			return nil, want(typ, v)
		}
		a, err := netip.ParseAddr(strings.TrimSpace(s))
		if err != nil {
			return nil, want(typ, v)
		}
		return a.String(), ""
	case TypeLong:
		return toLong(v)
	case TypeDouble:
		f, ok := toFloat(v)
		if !ok {
			return nil, want(typ, v)
		}
		return f, ""
	case TypeBoolean:
		switch b := v.(type) {
		case bool:
			return b, ""
		case string:
			if b == "true" || b == "false" {
				return b == "true", ""
			}
		}
		return nil, want(typ, v)
	case TypeDate:
		return toDate(v)
	}
	return nil, "unknown type " + typ
}

// toDate accepts what @timestamp accepts (RFC 3339, epoch milliseconds)
// and the shorter ISO 8601 dates a query may use (2026-11-22), taking
// their first instant.
func toDate(v any) (any, string) {
	t, ok := event.ParseTimestamp(v)
	if !ok {
		if s, isString := v.(string); isString {
			if sp, err := timeexpr.ParseDate(strings.TrimSpace(s)); err == nil {
				return sp.Start, ""
			}
		}
		return nil, want(TypeDate, v)
	}
	n, err := nanos(t)
	if err != nil {
		return nil, want(TypeDate, v) + " (out of range)"
	}
	return n, ""
}

// toText keeps strings and renders numbers and booleans as JSON does, as an
// Elasticsearch keyword field would; objects and arrays do not fit.
func toText(v any, typ string) (any, string) {
	switch x := v.(type) {
	case string:
		return strings.ToValidUTF8(x, "\uFFFD"), ""
	case json.Number:
		return x.String(), ""
	case bool:
		return strconv.FormatBool(x), ""
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), ""
	}
	return nil, want(typ, v)
}

// toLong accepts integral numbers (and numeric strings, which
// Elasticsearch coerces) that fit in int64.
func toLong(v any) (any, string) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<63 {
			return int64(x), ""
		}
		return nil, want(TypeLong, v)
	default:
		return nil, want(TypeLong, v)
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, ""
	}
	// 5.0 and 1e3 are integral too.
	if f, ok := toFloat(v); ok && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		return int64(f), ""
	}
	return nil, want(TypeLong, v)
}

// toFloat accepts finite numbers and numeric strings.
func toFloat(v any) (float64, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	case float64:
		return x, !math.IsInf(x, 0) && !math.IsNaN(x)
	default:
		return 0, false
	}
	n, ok := query.NumberArg(s, false)
	f, _ := n.(float64)
	return f, ok
}

// want words a type mismatch.
func want(typ string, v any) string {
	return "want " + typ + ", got " + describe(v)
}

// describe names a value's JSON type and, for scalars, the value.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 64 {
			x = x[:64] + "..."
		}
		return "string " + strconv.Quote(x)
	case json.Number:
		return "number " + x.String()
	case float64:
		return "number " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return "boolean " + strconv.FormatBool(x)
	case map[string]any, event.Event:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

// timestampOf reads a normalized event's @timestamp value.
func timestampOf(v any) (int64, string) {
	var t time.Time
	ok := false
	if s, isString := v.(string); isString {
		var err error
		t, err = time.Parse(time.RFC3339Nano, s)
		ok = err == nil
	}
	if !ok {
		if t, ok = event.ParseTimestamp(v); !ok {
			return 0, `field "@timestamp": ` + want(TypeDate, v)
		}
	}
	n, err := nanos(t)
	if err != nil {
		return 0, `field "@timestamp": ` + want(TypeDate, v) + " (out of range)"
	}
	return n, ""
}
