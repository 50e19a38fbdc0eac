package query

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/logstack/logstack/internal/timeexpr"
)

// IsWordRune reports whether r belongs to a word: words are maximal runs of
// letters, digits, combining marks and '_'. Every backend splits text with
// it, at write time and at query time, so a word found by one is found by
// the other.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// Words splits a term's value into the words a text field must contain, in
// order, each word rune mapped by fold (a backend's case folding). For
// Wildcard terms the value is escaped (see Wildcard): unescaped * and ?
// are wildcards that stay in the word around them, and escaped ones, not
// being word runes, separate words. It returns nil when the value has no
// word, which matches nothing.
func Words(value string, wildcard bool, fold func(rune) rune) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	escaped := false
	for _, r := range value {
		switch {
		case wildcard && !escaped && r == '\\':
			escaped = true
			continue
		case wildcard && !escaped && (r == '*' || r == '?'):
			b.WriteRune(r)
		case IsWordRune(r):
			b.WriteRune(fold(r))
		default:
			flush()
		}
		escaped = false
	}
	flush()
	return out
}

var reNumber = regexp.MustCompile(`^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$`)

// NumberArg parses a decimal number in a term or range bound: an int64 when
// integral and preferInt is set (so that integer fields compare exactly), a
// float64 otherwise. ok is false for anything else, including infinities,
// so that backends agree on which values are numbers.
func NumberArg(s string, preferInt bool) (v any, ok bool) {
	if !reNumber.MatchString(s) {
		return nil, false
	}
	if preferInt {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, false
	}
	return f, true
}

// NumericBounds parses the set bounds of r with NumberArg; ok is false when
// one of them is not a number, and the range then compares as strings (or
// is an error on a numeric field).
func NumericBounds(r Range, preferInt bool) (lo, hi any, ok bool) {
	if r.HasLower {
		if lo, ok = NumberArg(r.Lower, preferInt); !ok {
			return nil, nil, false
		}
	}
	if r.HasUpper {
		if hi, ok = NumberArg(r.Upper, preferInt); !ok {
			return nil, nil, false
		}
	}
	return lo, hi, true
}

// DateBounds reads the set bounds of a range on a date field as the
// half-open interval [from, to) of Unix nanoseconds it covers. A bound
// names a span (see timeexpr.Span): an inclusive lower bound starts at its
// start, an exclusive one after its end; an inclusive upper bound ends with
// its end, an exclusive one before its start. from is meaningful only when
// r.HasLower, to only when r.HasUpper; errors come from timeexpr.ParseSpan.
func DateBounds(r Range, now time.Time) (from, to int64, err error) {
	if r.HasLower {
		sp, err := timeexpr.ParseSpan(r.Lower, now)
		if err != nil {
			return 0, 0, err
		}
		from = sp.End
		if r.IncludeLower {
			from = sp.Start
		}
	}
	if r.HasUpper {
		sp, err := timeexpr.ParseSpan(r.Upper, now)
		if err != nil {
			return 0, 0, err
		}
		to = sp.Start
		if r.IncludeUpper {
			to = sp.End
		}
	}
	return from, to, nil
}
