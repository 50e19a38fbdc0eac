package rule

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// percentFormat is Python's "format % value" with one conversion.
func percentFormat(format string, v float64) (string, error) {
	var b strings.Builder
	used := false
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ #0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return "", fmt.Errorf("format %q: incomplete format", format)
		}
		flags, verb := format[i+1:j], format[j]
		i = j
		if verb == '%' && flags == "" {
			b.WriteByte('%')
			continue
		}
		if used {
			return "", fmt.Errorf("format %q: not enough arguments for format string", format)
		}
		used = true
		s, err := percentVerb(flags, verb, v)
		if err != nil {
			return "", fmt.Errorf("format %q: %w", format, err)
		}
		b.WriteString(s)
	}
	if !used {
		return "", fmt.Errorf("format %q: not all arguments converted during string formatting", format)
	}
	return b.String(), nil
}

// percentVerb renders one %-conversion with Go's fmt, whose flags and
// float verbs agree with Python's for these cases.
func percentVerb(flags string, verb byte, v float64) (string, error) {
	if len(flags) > 12 {
		return "", fmt.Errorf("conversion %%%s%c too long", flags, verb)
	}
	if w, _ := strconv.Atoi(strings.TrimLeft(strings.SplitN(flags, ".", 2)[0], "-+ #0")); w > 1000 {
		return "", fmt.Errorf("conversion %%%s%c too wide", flags, verb)
	}
	if _, prec, ok := strings.Cut(flags, "."); ok {
		if p, _ := strconv.Atoi(prec); p > 100 {
			return "", fmt.Errorf("conversion %%%s%c too precise", flags, verb)
		}
	}
	switch verb {
	case 'd', 'i', 'u':
		return fmt.Sprintf("%"+flags+"d", int64(math.Trunc(clamp(v)))), nil
	case 'f', 'F', 'e', 'E':
		return fmt.Sprintf("%"+flags+string(verb), v), nil
	case 'g', 'G':
		if !strings.Contains(flags, ".") {
			flags += ".6"
		}
		return fmt.Sprintf("%"+flags+string(verb), v), nil
	case 's', 'r':
		s := pyFloatRepr(math.Abs(v))
		if math.Signbit(v) && !math.IsNaN(v) {
			s = "-" + s
		}
		return fmt.Sprintf("%"+strings.Split(flags, ".")[0]+"s", s), nil
	}
	return "", fmt.Errorf("unsupported format character '%c'", verb)
}

// clamp keeps a float within int64 for %d.
func clamp(v float64) float64 {
	return math.Max(math.Min(v, math.MaxInt64/2), math.MinInt64/2)
}
