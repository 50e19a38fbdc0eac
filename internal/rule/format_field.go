package rule

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// formatField renders one str.format replacement field's value as Python
// does: the conversion (!s, !r, !a) first, then format(value, spec). JSON
// whole numbers act as Python ints (JSON 5 loads as int 5), other numbers
// as floats, booleans as ints under a spec; strings take fill, align,
// width and precision (truncation). A spec the value's Python type would
// refuse is an error, as is a spec on None, a list or a dict.
func formatField(v any, conv, spec string) (string, error) {
	switch conv {
	case "":
	case "s":
		v = pyStr(v)
	case "r", "a":
		v = pyRepr(v)
	default:
		return "", fmt.Errorf("%w: unknown conversion specifier %s", ErrInvalid, conv)
	}
	if spec == "" {
		return pyStr(v), nil
	}
	if strings.ContainsAny(spec, "{}") {
		return "", fmt.Errorf("%w: nested replacement fields in format spec %q", ErrUnsupported, spec)
	}
	switch x := v.(type) {
	case string:
		return formatString(x, spec)
	case bool:
		if x {
			return formatInt(1, spec)
		}
		return formatInt(0, spec)
	}
	if f, ok := number(v); ok { // ints and floats: strings were handled above
		if f == math.Trunc(f) && !math.IsInf(f, 0) {
			return formatInt(f, spec)
		}
		return formatFloat(f, spec)
	}
	return "", fmt.Errorf("%w: unsupported format string %q for %s", ErrInvalid, spec, pyTypeName(v))
}

// pyTypeName names a JSON value's Python type for messages.
func pyTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "NoneType"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return fmt.Sprintf("%T", v)
}

// formatString is str.__format__: left-aligned, precision truncates.
func formatString(s, spec string) (string, error) {
	p, err := parseSpec(spec)
	switch {
	case err != nil:
		return "", fmt.Errorf("%w: %w", ErrInvalid, err)
	case p.typ != 0 && p.typ != 's':
		return "", fmt.Errorf("%w: unknown format code '%c' for object of type 'str'", ErrInvalid, p.typ)
	case p.sign != 0:
		return "", fmt.Errorf("%w: sign not allowed in string format specifier", ErrInvalid)
	case p.group != 0:
		return "", fmt.Errorf("%w: cannot specify '%c' with 's'", ErrInvalid, p.group)
	}
	if r := []rune(s); p.hasPrecision && len(r) > p.prec {
		s = string(r[:p.prec])
	}
	if p.align == 0 {
		p.align = '<'
		if p.zero {
			p.fill = '0'
		}
	}
	p.zero = false
	return pad(p, "", s), nil
}

// formatInt is int.__format__ for a whole number: d, n and none in
// decimal, x, X, o, b in their bases, the float types as a float.
func formatInt(v float64, spec string) (string, error) {
	p, err := parseSpec(spec)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	base := 10
	switch p.typ {
	case 0, 'd', 'n':
	case 'x', 'X':
		base = 16
	case 'o':
		base = 8
	case 'b':
		base = 2
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return formatFloat(v, spec)
	default:
		return "", fmt.Errorf("%w: unknown format code '%c' for object of type 'int'", ErrInvalid, p.typ)
	}
	if p.hasPrecision {
		return "", fmt.Errorf("%w: precision not allowed in integer format specifier", ErrInvalid)
	}
	a := math.Abs(v)
	var digits string
	if a < 1<<63 {
		digits = strconv.FormatUint(uint64(a), base)
	} else {
		digits = strconv.FormatFloat(a, 'f', 0, 64) // beyond int64, decimal only
	}
	if p.typ == 'X' {
		digits = strings.ToUpper(digits)
	}
	if p.group != 0 {
		digits = groupDigits(digits, p.group)
	}
	prefix := ""
	if p.alt && base != 10 {
		prefix = map[byte]string{'x': "0x", 'X': "0X", 'o': "0o", 'b': "0b"}[p.typ]
	}
	return pad(p, signOf(v < 0, p)+prefix, digits), nil
}

// formatFloat is float.__format__ (FormatNumber's spec handling).
func formatFloat(v float64, spec string) (string, error) {
	s, err := formatSpec(spec, v)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return s, nil
}

// signOf is the sign a number prints with under p.
func signOf(negative bool, p numSpec) string {
	switch {
	case negative:
		return "-"
	case p.sign == '+':
		return "+"
	case p.sign == ' ':
		return " "
	}
	return ""
}
