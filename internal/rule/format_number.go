package rule

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatNumber renders one number with a Python format string, as
// ElastAlert2's format_string does for metric_format_string and
// percentage_format_string: a string starting with "{" is a str.format
// template ("{:.2%}", "{0:>8,.1f} ms"), any other a %-format ("%.2f%%").
// It covers the float presentation types (f F e E g G %, none) with fill,
// align, sign, width, grouping and precision; what Python would refuse
// for a float (d, x, ...) is an error, as are several replacement fields.
func FormatNumber(format string, v float64) (string, error) {
	if strings.HasPrefix(format, "{") {
		return braceFormat(format, v)
	}
	return percentFormat(format, v)
}

// braceFormat is str.format with the value as the only argument.
func braceFormat(tmpl string, v float64) (string, error) {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		switch {
		case c == '}' && i+1 < len(tmpl) && tmpl[i+1] == '}', c == '{' && i+1 < len(tmpl) && tmpl[i+1] == '{':
			b.WriteByte(c)
			i++
			continue
		case c == '}':
			return "", fmt.Errorf("format %q: single '}'", tmpl)
		case c != '{':
			b.WriteByte(c)
			continue
		}
		end := strings.IndexByte(tmpl[i:], '}')
		if end < 0 {
			return "", fmt.Errorf("format %q: single '{'", tmpl)
		}
		field, spec, _ := strings.Cut(tmpl[i+1:i+end], ":")
		if field != "" && field != "0" {
			return "", fmt.Errorf("format %q: only {} or {0} (the value) may be used, got {%s}", tmpl, field)
		}
		s, err := formatSpec(spec, v)
		if err != nil {
			return "", fmt.Errorf("format %q: %w", tmpl, err)
		}
		b.WriteString(s)
		i += end
	}
	return b.String(), nil
}

// numSpec is a parsed format spec: [[fill]align][sign][#][0][width][,_][.precision][type].
type numSpec struct {
	fill         rune
	align, sign  byte
	zero, alt    bool // the 0 and # flags
	width, prec  int
	group, typ   byte
	hasPrecision bool
}

func parseSpec(spec string) (numSpec, error) {
	p := numSpec{fill: ' ', prec: 6}
	r := []rune(spec)
	isAlign := func(c rune) bool { return c == '<' || c == '>' || c == '^' || c == '=' }
	switch {
	case len(r) >= 2 && isAlign(r[1]):
		p.fill, p.align, r = r[0], byte(r[1]), r[2:]
	case len(r) >= 1 && isAlign(r[0]):
		p.align, r = byte(r[0]), r[1:]
	}
	if len(r) > 0 && (r[0] == '+' || r[0] == '-' || r[0] == ' ') {
		p.sign, r = byte(r[0]), r[1:]
	}
	if len(r) > 0 && r[0] == '#' {
		p.alt, r = true, r[1:]
	}
	if len(r) > 0 && r[0] == '0' {
		p.zero, r = true, r[1:]
	}
	p.width, r = leadingInt(r)
	if len(r) > 0 && (r[0] == ',' || r[0] == '_') {
		p.group, r = byte(r[0]), r[1:]
	}
	if len(r) > 0 && r[0] == '.' {
		var n int
		n, r = leadingInt(r[1:])
		if n < 0 {
			return p, fmt.Errorf("format specifier missing precision")
		}
		p.prec, p.hasPrecision = n, true
	}
	if len(r) > 1 {
		return p, fmt.Errorf("invalid format specifier %q", spec)
	}
	if len(r) == 1 {
		p.typ = byte(r[0])
	}
	if p.width < 0 {
		p.width = 0
	}
	if p.width > 1000 || p.prec > 100 {
		return p, fmt.Errorf("format specifier %q too wide", spec)
	}
	return p, nil
}

// leadingInt reads digits; -1 when there are none.
func leadingInt(r []rune) (int, []rune) {
	n, i := 0, 0
	for ; i < len(r) && r[i] >= '0' && r[i] <= '9'; i++ {
		if n < 1e6 {
			n = n*10 + int(r[i]-'0')
		}
	}
	if i == 0 {
		return -1, r
	}
	return n, r[i:]
}

// formatSpec applies a str.format spec to a float.
func formatSpec(spec string, v float64) (string, error) {
	p, err := parseSpec(spec)
	if err != nil {
		return "", err
	}
	digits, err := floatDigits(p, math.Abs(v))
	if err != nil {
		return "", err
	}
	if p.group != 0 {
		digits = groupDigits(digits, p.group)
	}
	return pad(p, signOf(math.Signbit(v) && !math.IsNaN(v), p), digits), nil
}

// floatDigits renders |v| for a presentation type.
func floatDigits(p numSpec, a float64) (string, error) {
	switch p.typ {
	case 'f', 'F':
		return strconv.FormatFloat(a, 'f', p.prec, 64), nil
	case 'e', 'E':
		s := strconv.FormatFloat(a, 'e', p.prec, 64)
		if p.typ == 'E' {
			s = strings.ToUpper(s)
		}
		return s, nil
	case 'g', 'G', 'n':
		s := strconv.FormatFloat(a, 'g', max(p.prec, 1), 64)
		if p.typ == 'G' {
			s = strings.ToUpper(s)
		}
		return s, nil
	case '%':
		return strconv.FormatFloat(a*100, 'f', p.prec, 64) + "%", nil
	case 0:
		if p.hasPrecision {
			return strconv.FormatFloat(a, 'g', max(p.prec, 1), 64), nil
		}
		return pyFloatRepr(a), nil
	}
	return "", fmt.Errorf("unknown format code '%c' for a number with a fraction", p.typ)
}

// pyFloatRepr is Python's repr of a non-negative float.
func pyFloatRepr(a float64) string {
	switch {
	case math.IsInf(a, 0):
		return "inf"
	case math.IsNaN(a):
		return "nan"
	case a != 0 && (a >= 1e16 || a < 1e-4):
		return strconv.FormatFloat(a, 'e', -1, 64)
	}
	s := strconv.FormatFloat(a, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// groupDigits inserts sep every three digits of the integer part.
func groupDigits(s string, sep byte) string {
	end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(s)
	}
	intPart, rest := s[:end], s[end:]
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(c)
	}
	return b.String() + rest
}

// pad applies width with fill and alignment (numbers align right; "="
// and the 0 flag pad between the sign and the digits).
func pad(p numSpec, sign, digits string) string {
	n := p.width - len([]rune(sign+digits))
	if n <= 0 {
		return sign + digits
	}
	align, fill := p.align, string(p.fill)
	if p.zero && align == 0 {
		align, fill = '=', "0"
	}
	switch align {
	case '<':
		return sign + digits + strings.Repeat(fill, n)
	case '^':
		return strings.Repeat(fill, n/2) + sign + digits + strings.Repeat(fill, n-n/2)
	case '=':
		return sign + strings.Repeat(fill, n) + digits
	}
	return strings.Repeat(fill, n) + sign + digits
}
