// Code kept in step with internal/store/duckdb/instant.go: both backends must
// read dates and date math alike (issue 4: same results for the same data).

package elasticsearch

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// span is a time interval [start, end) in Unix nanoseconds. A date bound
// names an interval as wide as its least significant component (a day for
// "2026-11-22", one second for "10:00:00Z", one nanosecond for "now"), so
// that, as in Elasticsearch, "[2026-11-01 TO 2026-11-02]" covers both whole
// days and "{2026-11-01 TO ...}" starts after the first one.
type span struct{ start, end int64 }

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

// parseInstant reads a bound or value on a date field: now and date math
// (now-15m, now/d, 2026-11-22||+1d), RFC 3339 and shorter ISO 8601 forms
// (2026, 2026-11, 2026-11-22, 2026-11-22T10:00, with or without a zone) and
// integers taken as epoch milliseconds, Elasticsearch's default formats.
func parseInstant(s string, now time.Time) (span, error) {
	s = strings.TrimSpace(s)
	var anchor, expr string
	switch {
	case strings.HasPrefix(s, "now"):
		anchor, expr = "now", s[len("now"):]
	case strings.Contains(s, "||"):
		anchor, expr, _ = strings.Cut(s, "||")
	default:
		return parseDate(s)
	}
	base := span{}
	if anchor == "now" {
		n, err := nanos(now)
		if err != nil {
			return span{}, err
		}
		base = span{n, n + 1}
	} else {
		var err error
		if base, err = parseDate(anchor); err != nil {
			return span{}, err
		}
	}
	if !reMath.MatchString(expr) {
		return span{}, fmt.Errorf("%w: invalid date math %q", store.ErrBadRequest, s)
	}
	return applyMath(base, reOp.FindAllString(expr, -1), s)
}

// applyMath moves the start of base by each operation; a final rounding
// makes the result the whole unit it falls in.
func applyMath(base span, ops []string, src string) (span, error) {
	if len(ops) == 0 {
		return base, nil
	}
	t := time.Unix(0, base.start).UTC()
	for _, op := range ops {
		unit := op[len(op)-1]
		if op[0] == '/' {
			start := truncate(t, unit)
			return toSpan(start, addUnit(start, unit, 1), src)
		}
		n, err := strconv.Atoi(op[:len(op)-1])
		if err != nil {
			return span{}, fmt.Errorf("%w: invalid date math %q", store.ErrBadRequest, src)
		}
		t = addUnit(t, unit, n)
	}
	return toSpan(t, t.Add(time.Nanosecond), src)
}

// parseDate reads an absolute date or epoch milliseconds.
func parseDate(s string) (span, error) {
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
			return span{}, fmt.Errorf("%w: epoch milliseconds %q out of range", store.ErrBadRequest, s)
		}
		return span{ms * int64(time.Millisecond), (ms + 1) * int64(time.Millisecond)}, nil
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
			return toSpan(t, addUnit(t, l.unit, 1), s)
		}
	}
	return span{}, fmt.Errorf("%w: invalid date %q", store.ErrBadRequest, s)
}

func parseUnit(s, layout string, unit byte) (span, error) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return span{}, fmt.Errorf("%w: invalid date %q", store.ErrBadRequest, s)
	}
	return toSpan(t, addUnit(t, unit, 1), s)
}

func toSpan(start, end time.Time, src string) (span, error) {
	a, err := nanos(start)
	if err != nil {
		return span{}, fmt.Errorf("%w: date %q out of range", store.ErrBadRequest, src)
	}
	b, err := nanos(end)
	if err != nil {
		return span{}, fmt.Errorf("%w: date %q out of range", store.ErrBadRequest, src)
	}
	return span{a, b}, nil
}

// Instants representable as int64 Unix nanoseconds.
var (
	minInstant = time.Unix(0, math.MinInt64)
	maxInstant = time.Unix(0, math.MaxInt64)
)

// nanos converts t to Unix nanoseconds, failing outside 1677..2262 where
// the conversion would overflow.
func nanos(t time.Time) (int64, error) {
	if t.Before(minInstant) || t.After(maxInstant) {
		return 0, fmt.Errorf("%w: time %s out of range", store.ErrBadRequest, t.Format(time.RFC3339))
	}
	return t.UnixNano(), nil
}

// addUnit moves t by n date-math units.
func addUnit(t time.Time, unit byte, n int) time.Time {
	switch unit {
	case 'y':
		return t.AddDate(n, 0, 0)
	case 'M':
		return t.AddDate(0, n, 0)
	case 'w':
		return t.AddDate(0, 0, 7*n)
	case 'd':
		return t.AddDate(0, 0, n)
	case 'h', 'H':
		return t.Add(time.Duration(n) * time.Hour)
	case 'm':
		return t.Add(time.Duration(n) * time.Minute)
	default:
		return t.Add(time.Duration(n) * time.Second)
	}
}

// truncate rounds t down to the start of its unit, in UTC; weeks start on
// Monday, as in Elasticsearch.
func truncate(t time.Time, unit byte) time.Time {
	t = t.UTC()
	y, mo, d := t.Date()
	switch unit {
	case 'y':
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case 'M':
		return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
	case 'w':
		day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case 'd':
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	case 'h', 'H':
		return t.Truncate(time.Hour)
	case 'm':
		return t.Truncate(time.Minute)
	default:
		return t.Truncate(time.Second)
	}
}
