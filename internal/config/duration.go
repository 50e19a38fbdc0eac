package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Day and Week are the units that ParseDuration adds to time.ParseDuration,
// because retention is naturally written as "14d" or "2w".
const (
	Day  = 24 * time.Hour
	Week = 7 * Day
)

// Duration is a time.Duration that reads and writes as a readable string
// ("200ms", "15m", "14d") in the config file and in Render's output.
type Duration time.Duration

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String formats d so that ParseDuration reads it back: whole days as "14d",
// otherwise like time.Duration without trailing zero units ("1h", "1m30s").
func (d Duration) String() string {
	td := time.Duration(d)
	if td != 0 && td%Day == 0 {
		return strconv.FormatInt(int64(td/Day), 10) + "d"
	}
	s := td.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// MarshalYAML writes the duration as its String form.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// MarshalText writes the duration as its String form, for JSON and flags.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a duration in ParseDuration's syntax.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDuration parses a duration like time.ParseDuration and also accepts
// the units d (24h) and w (7d), alone or combined ("1d12h", "1.5d", "2w").
func ParseDuration(s string) (Duration, error) {
	rest, neg := s, false
	if rest != "" && (rest[0] == '-' || rest[0] == '+') {
		neg = rest[0] == '-'
		rest = rest[1:]
	}
	if rest == "0" {
		return 0, nil
	}
	if rest == "" {
		return 0, fmt.Errorf("invalid duration %q", s)
	}
	var total int64
	for rest != "" {
		var comp string
		comp, rest = nextComponent(rest)
		v, err := parseComponent(comp, neg)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		if (v > 0 && total > math.MaxInt64-v) || (v < 0 && total < math.MinInt64-v) {
			return 0, fmt.Errorf("invalid duration %q: out of range", s)
		}
		total += v
	}
	return Duration(total), nil
}

// nextComponent splits off one number+unit pair, scanning like
// time.ParseDuration does: the number is digits and dots, the unit runs to
// the next digit or dot.
func nextComponent(s string) (comp, rest string) {
	i := 0
	for i < len(s) && (s[i] == '.' || '0' <= s[i] && s[i] <= '9') {
		i++
	}
	for i < len(s) && s[i] != '.' && (s[i] < '0' || s[i] > '9') {
		i++
	}
	return s[:i], s[i:]
}

// parseComponent converts one number+unit pair, delegating standard units
// to time.ParseDuration so their syntax and rounding match it exactly.
func parseComponent(comp string, neg bool) (int64, error) {
	if strings.TrimLeft(comp, "0123456789.") == "" {
		return 0, fmt.Errorf("missing unit") // only a lone "0" may omit it
	}
	sign := ""
	if neg {
		sign = "-"
	}
	mult := int64(1)
	switch {
	case strings.HasSuffix(comp, "d"):
		comp, mult = comp[:len(comp)-1]+"h", 24
	case strings.HasSuffix(comp, "w"):
		comp, mult = comp[:len(comp)-1]+"h", 24*7
	}
	v, err := time.ParseDuration(sign + comp)
	if err != nil {
		return 0, err
	}
	if v > math.MaxInt64/time.Duration(mult) || v < math.MinInt64/time.Duration(mult) {
		return 0, fmt.Errorf("out of range")
	}
	return int64(v) * mult, nil
}
