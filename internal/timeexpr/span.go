package timeexpr

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Span is a time interval [Start, End) in Unix nanoseconds. A date in a
// query names an interval as wide as its least significant component (a
// day for "2026-11-22", one second for "10:00:00Z", one nanosecond for
// "now"), so that, as in Elasticsearch, "[2026-11-01 TO 2026-11-02]"
// covers both whole days and "{2026-11-01 TO ...}" starts after the first
// one. Every store backend reads date values and range bounds through
// ParseSpan so that they agree on what a date matches.
type Span struct{ Start, End int64 }

var (
	reYear  = regexp.MustCompile(`^\d{4}$`)
	reMonth = regexp.MustCompile(`^\d{4}-\d{2}$`)
	reDay   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reInt   = regexp.MustCompile(`^[+-]?\d+$`)
	reMath  = regexp.MustCompile(`^(?:[+-]\d+[yMwdhHms])*(?:/[yMwdhHms])?$`)
	reOp    = regexp.MustCompile(`[+-]\d+[yMwdhHms]|/[yMwdhHms]`)
)

// dateTimeLayouts are the forms of a date with a time, coarsest unit last in
// the name: each is tried with and without a zone (UTC when absent).
var dateTimeLayouts = []struct {
	layout string
	unit   byte // unit of the least significant component
}{
	{"2006-01-02T15", 'h'},
	{"2006-01-02T15:04", 'm'},
	{"2006-01-02T15:04:05", 's'},
	{"2006-01-02 15:04:05", 's'},
}

// ParseSpan reads a bound or value on a date field: now and date math
// (now-15m, now/d, 2026-11-22||+1d), RFC 3339 and shorter ISO 8601 forms
// (2026, 2026-11, 2026-11-22, 2026-11-22T10:00, with or without a zone) and
// integers taken as epoch milliseconds, Elasticsearch's default formats.
// Unlike Parse it takes no bare durations and no "ms" unit, as
// Elasticsearch's date fields do not. Its errors describe the value only;
// a store wraps them in its own bad-request error.
func ParseSpan(s string, now time.Time) (Span, error) {
	s = strings.TrimSpace(s)
	var anchor, expr string
	switch {
	case strings.HasPrefix(s, "now"):
		anchor, expr = "now", s[len("now"):]
	case strings.Contains(s, "||"):
		anchor, expr, _ = strings.Cut(s, "||")
	default:
		return ParseDate(s)
	}
	base := Span{}
	if anchor == "now" {
		n, err := UnixNano(now)
		if err != nil {
			return Span{}, err
		}
		base = Span{n, n + 1}
	} else {
		var err error
		if base, err = ParseDate(anchor); err != nil {
			return Span{}, err
		}
	}
	if !reMath.MatchString(expr) {
		return Span{}, fmt.Errorf("invalid date math %q", s)
	}
	return applyMath(base, reOp.FindAllString(expr, -1), s)
}

// applyMath moves the start of base by each operation; a final rounding
// makes the result the whole unit it falls in.
func applyMath(base Span, ops []string, src string) (Span, error) {
	if len(ops) == 0 {
		return base, nil
	}
	t := time.Unix(0, base.Start).UTC()
	for _, op := range ops {
		unit := op[len(op)-1]
		if op[0] == '/' {
			start, err := round(t, unit)
			if err != nil {
				return Span{}, err
			}
			return spanOf(start, unit, src)
		}
		n, err := strconv.Atoi(op[:len(op)-1])
		if err != nil {
			return Span{}, fmt.Errorf("invalid date math %q", src)
		}
		if t, err = add(t, int64(n), unit); err != nil {
			return Span{}, err
		}
	}
	return toSpan(t, t.Add(time.Nanosecond), src)
}

// ParseDate reads an absolute date or epoch milliseconds, the forms of
// ParseSpan without now and date math, for values that are data rather
// than queries (a date-typed field's value).
func ParseDate(s string) (Span, error) {
	switch {
	case reYear.MatchString(s):
		return parseUnit(s, "2006", 'y')
	case reMonth.MatchString(s):
		return parseUnit(s, "2006-01", 'M')
	case reDay.MatchString(s):
		return parseUnit(s, "2006-01-02", 'd')
	case reInt.MatchString(s):
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil || ms > math.MaxInt64/int64(time.Millisecond) || ms < math.MinInt64/int64(time.Millisecond) {
			return Span{}, fmt.Errorf("epoch milliseconds %q out of range", s)
		}
		return Span{ms * int64(time.Millisecond), (ms + 1) * int64(time.Millisecond)}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		if strings.Contains(s, ".") {
			return toSpan(t, t.Add(time.Nanosecond), s)
		}
		return toSpan(t, t.Add(time.Second), s)
	}
	for _, l := range dateTimeLayouts {
		for _, layout := range []string{l.layout, l.layout + "Z07:00"} {
			t, err := time.Parse(layout, s)
			if err != nil {
				continue
			}
			if strings.Contains(s, ".") {
				return toSpan(t, t.Add(time.Nanosecond), s)
			}
			return spanOf(t, l.unit, s)
		}
	}
	return Span{}, fmt.Errorf("invalid date %q", s)
}

func parseUnit(s, layout string, unit byte) (Span, error) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return Span{}, fmt.Errorf("invalid date %q", s)
	}
	return spanOf(t, unit, s)
}

// spanOf returns the span of one unit starting at start.
func spanOf(start time.Time, unit byte, src string) (Span, error) {
	end, err := add(start, 1, unit)
	if err != nil {
		return Span{}, err
	}
	return toSpan(start, end, src)
}

func toSpan(start, end time.Time, src string) (Span, error) {
	a, err := UnixNano(start)
	if err != nil {
		return Span{}, fmt.Errorf("date %q out of range", src)
	}
	b, err := UnixNano(end)
	if err != nil {
		return Span{}, fmt.Errorf("date %q out of range", src)
	}
	return Span{a, b}, nil
}

// Instants representable as int64 Unix nanoseconds.
var (
	minInstant = time.Unix(0, math.MinInt64)
	maxInstant = time.Unix(0, math.MaxInt64)
)

// UnixNano converts t to Unix nanoseconds, the unit stores keep instants
// in, failing outside 1677..2262 where t.UnixNano would silently overflow.
func UnixNano(t time.Time) (int64, error) {
	if t.Before(minInstant) || t.After(maxInstant) {
		return 0, fmt.Errorf("time %s out of range", t.Format(time.RFC3339))
	}
	return t.UnixNano(), nil
}
