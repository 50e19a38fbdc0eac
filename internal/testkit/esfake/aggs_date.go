package esfake

import (
	"strconv"
	"strings"
	"time"
)

// interval is a date_histogram bucket width: fixed nanoseconds, or a
// calendar unit (week, month, quarter, year).
type interval struct {
	fixed    int64
	calendar string
}

var fixedUnits = map[string]int64{
	"ms": int64(time.Millisecond), "s": int64(time.Second), "m": int64(time.Minute),
	"h": int64(time.Hour), "d": 24 * int64(time.Hour),
}

// parseFixed reads "<N><unit>" (ms, s, m, h, d).
func parseFixed(s string) (int64, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	unit, ok := fixedUnits[s[i:]]
	if err != nil || !ok || n <= 0 || n > (1<<62)/unit {
		return 0, false
	}
	return n * unit, true
}

// parseCalendar reads a calendar_interval: minute, hour, day (fixed in
// UTC) or week, month, quarter, year, by name or as 1m, 1h, 1d, 1w, 1M,
// 1q, 1y.
func parseCalendar(s string) (interval, bool) {
	switch s {
	case "minute", "1m":
		return interval{fixed: int64(time.Minute)}, true
	case "hour", "1h":
		return interval{fixed: int64(time.Hour)}, true
	case "day", "1d":
		return interval{fixed: 24 * int64(time.Hour)}, true
	case "week", "1w":
		return interval{calendar: "week"}, true
	case "month", "1M":
		return interval{calendar: "month"}, true
	case "quarter", "1q":
		return interval{calendar: "quarter"}, true
	case "year", "1y":
		return interval{calendar: "year"}, true
	}
	return interval{}, false
}

func dateInterval(ver version, body map[string]any) (interval, *httpError) {
	if !ver.openSearch && !ver.atLeast(7, 2) {
		for _, k := range []string{"fixed_interval", "calendar_interval"} {
			if _, ok := body[k]; ok {
				return interval{}, badRequest("x_content_parse_exception", "[date_histogram] unknown field [%s]", k)
			}
		}
	}
	if v, ok := body["fixed_interval"].(string); ok {
		n, ok := parseFixed(v)
		if !ok {
			return interval{}, badRequest("illegal_argument_exception", "failed to parse setting [date_histogram.fixedInterval] with value [%s] as a time value: unit is missing or unrecognized", v)
		}
		return interval{fixed: n}, nil
	}
	if v, ok := body["calendar_interval"].(string); ok {
		iv, ok := parseCalendar(v)
		if !ok {
			return iv, badRequest("illegal_argument_exception", "The supplied interval [%s] could not be parsed as a calendar interval.", v)
		}
		return iv, nil
	}
	if v, ok := body["interval"].(string); ok && ver.major < 8 || ver.openSearch && ok {
		if iv, ok := parseCalendar(v); ok {
			return iv, nil
		}
		if n, ok := parseFixed(v); ok {
			return interval{fixed: n}, nil
		}
	}
	if _, ok := body["interval"]; ok && !ver.openSearch && ver.major >= 8 {
		return interval{}, badRequest("x_content_parse_exception", "[date_histogram] unknown field [interval]")
	}
	return interval{}, badRequest("illegal_argument_exception", "Invalid interval specified, must be non-null and non-empty")
}

// floor returns the start of the bucket holding t (Unix nanos), aligned to
// the epoch plus offset for fixed intervals, to Monday for weeks.
func (iv interval) floor(t, offset int64) int64 {
	if iv.fixed > 0 {
		t -= offset
		b := t / iv.fixed * iv.fixed
		if t < 0 && t%iv.fixed != 0 {
			b -= iv.fixed
		}
		return b + offset
	}
	tt := time.Unix(0, t-offset).UTC()
	y, m, d := tt.Date()
	var start time.Time
	switch iv.calendar {
	case "week":
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		start = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case "month":
		start = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case "quarter":
		start = time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC)
	default:
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return start.UnixNano() + offset
}

// next returns the start of the bucket after the one starting at b.
func (iv interval) next(b, offset int64) int64 {
	if iv.fixed > 0 {
		return b + iv.fixed
	}
	t := time.Unix(0, b-offset).UTC()
	switch iv.calendar {
	case "week":
		t = t.AddDate(0, 0, 7)
	case "month":
		t = t.AddDate(0, 1, 0)
	case "quarter":
		t = t.AddDate(0, 3, 0)
	default:
		t = t.AddDate(1, 0, 0)
	}
	return t.UnixNano() + offset
}

// parseOffset reads "+1h", "-30m" (fixed units).
func parseOffset(v any) (int64, bool) {
	s, _ := v.(string)
	if s == "" {
		return 0, v == nil
	}
	sign := int64(1)
	switch s[0] {
	case '-':
		sign, s = -1, s[1:]
	case '+':
		s = s[1:]
	}
	n, ok := parseFixed(s)
	return sign * n, ok
}

func utcZone(v any) bool {
	s, _ := v.(string)
	switch strings.ToUpper(s) {
	case "", "UTC", "Z", "+00:00", "-00:00", "ETC/UTC", "GMT":
		return true
	}
	return false
}
