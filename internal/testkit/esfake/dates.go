package esfake

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// parseISO parses the strict_date_optional_time family:
// yyyy[-MM[-dd['T'HH[:mm[:ss[.f{1,9}]]]]]][Z|±HH[:]mm|±HH]; a value
// without a zone is UTC. With detect set it needs at least yyyy-MM-dd, as
// date detection of new string fields does in practice.
func parseISO(s string, detect bool) (int64, bool) {
	n, _, ok := parseISOParts(s, detect)
	return n, ok
}

// ISO date precision levels: the last component present.
const (
	precYear = iota
	precMonth
	precDay
	precHour
	precMinute
	precSecond
	precFraction
)

// roundUpMissing fills the missing time components of an upper range bound
// (lte, gt) with their maximum, as range queries document: hour 23, minute
// 59, second 59, fraction 999999999.
func roundUpMissing(n int64, prec int) int64 {
	switch {
	case prec <= precDay:
		return n + int64(24*time.Hour) - 1
	case prec == precHour:
		return n + int64(time.Hour) - 1
	case prec == precMinute:
		return n + int64(time.Minute) - 1
	case prec == precSecond:
		return n + int64(time.Second) - 1
	}
	return n
}

// parseISOParts is parseISO that also reports the precision given.
func parseISOParts(s string, detect bool) (int64, int, bool) {
	p := isoParser{s: s}
	year, ok := p.digits(4)
	if !ok {
		return 0, 0, false
	}
	month, day := 1, 1
	var hour, minute, sec, nanos int
	parts := 1
	if p.accept('-') {
		if month, ok = p.digits(2); !ok {
			return 0, 0, false
		}
		parts++
		if p.accept('-') {
			if day, ok = p.digits(2); !ok {
				return 0, 0, false
			}
			parts++
		}
	}
	if detect && parts < 3 {
		return 0, 0, false
	}
	prec := parts - 1
	if parts == 3 && p.accept('T') {
		if hour, minute, sec, nanos, prec, ok = p.clock(); !ok {
			return 0, 0, false
		}
	}
	offset, ok := p.zone()
	if !ok || p.i != len(s) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return 0, 0, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nanos, time.UTC)
	if t.Day() != day {
		return 0, 0, false // February 30th
	}
	return t.UnixNano() - int64(offset)*int64(time.Second), prec, true
}

type isoParser struct {
	s string
	i int
}

func (p *isoParser) accept(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *isoParser) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

// clock reads HH[:mm[:ss[.fraction]]].
func (p *isoParser) clock() (hour, minute, sec, nanos, prec int, ok bool) {
	if hour, ok = p.digits(2); !ok {
		return
	}
	if !p.accept(':') {
		return hour, 0, 0, 0, precHour, true
	}
	if minute, ok = p.digits(2); !ok {
		return
	}
	if !p.accept(':') {
		return hour, minute, 0, 0, precMinute, true
	}
	if sec, ok = p.digits(2); !ok {
		return
	}
	prec = precSecond
	if p.accept('.') || p.accept(',') {
		start := p.i
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		frac := p.s[start:p.i]
		if len(frac) == 0 || len(frac) > 9 {
			return 0, 0, 0, 0, 0, false
		}
		f, _ := strconv.Atoi(frac + strings.Repeat("0", 9-len(frac)))
		nanos, prec = f, precFraction
	}
	return hour, minute, sec, nanos, prec, true
}

// zone reads Z, ±HH, ±HHmm or ±HH:mm (seconds east of UTC).
func (p *isoParser) zone() (int, bool) {
	if p.i == len(p.s) || p.accept('Z') {
		return 0, true
	}
	sign := 1
	switch {
	case p.accept('+'):
	case p.accept('-'):
		sign = -1
	default:
		return 0, false
	}
	h, ok := p.digits(2)
	if !ok {
		return 0, false
	}
	m := 0
	if p.accept(':') || p.i < len(p.s) {
		if m, ok = p.digits(2); !ok {
			return 0, false
		}
	}
	return sign * (h*3600 + m*60), true
}

// parseDate parses a date value under a mapping or query format
// ("strict_date_optional_time||epoch_millis" when empty) into Unix nanos.
func parseDate(v any, format string) (int64, bool) {
	if format == "" {
		format = "strict_date_optional_time||epoch_millis"
	}
	for _, f := range strings.Split(format, "||") {
		if n, ok := parseDateAs(v, strings.TrimSpace(f)); ok {
			return n, true
		}
	}
	return 0, false
}

func parseDateAs(v any, format string) (int64, bool) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case json.Number:
		s = string(x)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		s = strconv.FormatInt(x, 10)
	default:
		return 0, false
	}
	switch format {
	case "epoch_millis":
		return epoch(s, 1e6)
	case "epoch_second":
		return epoch(s, 1e9)
	}
	if _, isNum := v.(json.Number); isNum {
		return 0, false
	}
	return parseISO(s, false)
}

// epoch parses a decimal count of units (nanoseconds per unit).
func epoch(s string, unit float64) (int64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || strings.ContainsAny(s, "eE") {
		return 0, false
	}
	if math.Abs(f*unit) > math.MaxInt64/2 {
		return 0, false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i * int64(unit), true
	}
	return int64(f * unit), true
}

// truncDate truncates Unix nanos to the precision of the date type
// (milliseconds for date, nanoseconds for date_nanos).
func truncDate(n int64, typ string) int64 {
	if typ == "date_nanos" {
		return n
	}
	ms := n / 1e6
	if n < 0 && n%1e6 != 0 {
		ms--
	}
	return ms * 1e6
}

// formatDate renders Unix nanos as strict_date_optional_time with
// milliseconds, the default key_as_string of dates.
func formatDate(n int64) string {
	return time.Unix(0, n).UTC().Format("2006-01-02T15:04:05.000Z")
}

// dateMath evaluates now-based date math (now, now-15m, now+1d/d).
func dateMath(s string, now time.Time) (int64, bool) {
	if !strings.HasPrefix(s, "now") {
		return 0, false
	}
	t := now.UTC()
	rest := s[3:]
	for rest != "" {
		op := rest[0]
		rest = rest[1:]
		if op == '/' {
			if rest == "" {
				return 0, false
			}
			t = roundDown(t, rest[0])
			rest = rest[1:]
			continue
		}
		if op != '+' && op != '-' {
			return 0, false
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		n := 1
		if i > 0 {
			n, _ = strconv.Atoi(rest[:i])
		}
		if i >= len(rest) {
			return 0, false
		}
		if op == '-' {
			n = -n
		}
		var ok bool
		if t, ok = addUnit(t, n, rest[i]); !ok {
			return 0, false
		}
		rest = rest[i+1:]
	}
	return t.UnixNano(), true
}

func addUnit(t time.Time, n int, unit byte) (time.Time, bool) {
	switch unit {
	case 'y':
		return t.AddDate(n, 0, 0), true
	case 'M':
		return t.AddDate(0, n, 0), true
	case 'w':
		return t.AddDate(0, 0, 7*n), true
	case 'd':
		return t.AddDate(0, 0, n), true
	case 'h', 'H':
		return t.Add(time.Duration(n) * time.Hour), true
	case 'm':
		return t.Add(time.Duration(n) * time.Minute), true
	case 's':
		return t.Add(time.Duration(n) * time.Second), true
	}
	return t, false
}

func roundDown(t time.Time, unit byte) time.Time {
	y, mo, d := t.Date()
	switch unit {
	case 'y':
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case 'M':
		return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
	case 'd':
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	case 'h', 'H':
		return t.Truncate(time.Hour)
	case 'm':
		return t.Truncate(time.Minute)
	case 's':
		return t.Truncate(time.Second)
	}
	return t
}
