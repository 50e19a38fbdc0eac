// Package timeexpr reads the time expressions users type in searches, API
// calls and alert tests: RFC 3339 instants, dates, and Elasticsearch-style
// date math relative to now ("now-15m", "now-1d/d"), plus bare durations
// meaning "that long ago" ("1h"), so the CLI, the API and range queries
// agree on what a time means.
package timeexpr

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Parse reads s relative to now. Accepted forms: RFC 3339 with or without
// fraction, "2006-01-02T15:04:05" and "2006-01-02" (UTC), epoch
// milliseconds, "now" with optional +/-N<unit> terms and a /unit rounding
// suffix (units: ms s m h d w M y; M is months), and a bare duration such as
// "15m" or "2d", which means now minus it.
func Parse(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time")
	}
	if strings.HasPrefix(s, "now") {
		return dateMath(s[3:], now.UTC())
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 10 {
		return time.UnixMilli(ms).UTC(), nil
	}
	if d, err := ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time: want RFC 3339 (2006-01-02T15:04:05Z), a date, now-15m style date math or a duration like 1h", s)
}

// ParseDuration extends time.ParseDuration with d (days) and w (weeks),
// as log retention and search windows are usually written.
func ParseDuration(s string) (time.Duration, error) {
	if n, unit, ok := splitUnit(s); ok && (unit == "d" || unit == "w") {
		day := 24 * time.Hour
		if unit == "w" {
			day *= 7
		}
		return time.Duration(n) * day, nil
	}
	return time.ParseDuration(s)
}

func splitUnit(s string) (int64, string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i == len(s) {
		return 0, "", false
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	return n, s[i:], err == nil
}

func dateMath(expr string, t time.Time) (time.Time, error) {
	for expr != "" {
		op := expr[0]
		expr = expr[1:]
		j := 0
		for j < len(expr) && expr[j] >= '0' && expr[j] <= '9' {
			j++
		}
		n := int64(1)
		if j > 0 {
			n, _ = strconv.ParseInt(expr[:j], 10, 64)
		}
		if j >= len(expr) {
			return time.Time{}, fmt.Errorf("date math %q: missing unit", expr)
		}
		unit := expr[j]
		expr = expr[j+1:]
		if unit == 'm' && strings.HasPrefix(expr, "s") {
			unit, expr = 'x', expr[1:] // "ms"
		}
		var err error
		switch op {
		case '+':
			t, err = add(t, n, unit)
		case '-':
			t, err = add(t, -n, unit)
		case '/':
			t, err = round(t, unit)
		default:
			return time.Time{}, fmt.Errorf("date math: unexpected %q (want +, - or /)", op)
		}
		if err != nil {
			return time.Time{}, err
		}
	}
	return t, nil
}

func add(t time.Time, n int64, unit byte) (time.Time, error) {
	switch unit {
	case 'y':
		return t.AddDate(int(n), 0, 0), nil
	case 'M':
		return t.AddDate(0, int(n), 0), nil
	case 'w':
		return t.AddDate(0, 0, 7*int(n)), nil
	case 'd':
		return t.AddDate(0, 0, int(n)), nil
	}
	d, ok := fixedUnits[unit]
	if !ok {
		return time.Time{}, fmt.Errorf("date math: unknown unit %q", unit)
	}
	return t.Add(time.Duration(n) * d), nil
}

var fixedUnits = map[byte]time.Duration{'h': time.Hour, 'H': time.Hour, 'm': time.Minute, 's': time.Second, 'x': time.Millisecond}

func round(t time.Time, unit byte) (time.Time, error) {
	y, mo, d := t.Date()
	switch unit {
	case 'y':
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), nil
	case 'M':
		return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC), nil
	case 'w':
		day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)), nil
	case 'd':
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), nil
	}
	dur, ok := fixedUnits[unit]
	if !ok {
		return time.Time{}, fmt.Errorf("date math: unknown unit %q", unit)
	}
	return t.Truncate(dur), nil
}
