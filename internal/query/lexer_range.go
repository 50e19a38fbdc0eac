package query

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bracketRange lexes [a TO b], {a TO b} or a mix of the brackets. Bounds are
// taken literally (no wildcards); an unquoted '*' is an open bound.
func (lx *lexer) bracketRange() (token, error) {
	start := lx.pos
	inclLower := lx.src[lx.pos] == '['
	lx.pos++
	lower, hasLower, err := lx.bound("a lower bound")
	if err != nil {
		return token{}, err
	}
	if err := lx.expectTO(); err != nil {
		return token{}, err
	}
	upper, hasUpper, err := lx.bound("an upper bound after TO")
	if err != nil {
		return token{}, err
	}
	lx.skipSpace()
	if lx.pos >= len(lx.src) || (lx.src[lx.pos] != ']' && lx.src[lx.pos] != '}') {
		return token{}, errorf(lx.pos, "expected ']' or '}' to close the range opened at position %d, found %s", start, lx.describeHere())
	}
	inclUpper := lx.src[lx.pos] == ']'
	lx.pos++
	r := Range{
		Lower: lower, HasLower: hasLower, IncludeLower: inclLower && hasLower,
		Upper: upper, HasUpper: hasUpper, IncludeUpper: inclUpper && hasUpper,
	}
	return token{kind: tRange, pos: start, end: lx.pos, rng: r}, nil
}

// bound lexes one range bound: a quoted string, or a run of characters up
// to whitespace, ']' or '}' (so timestamps with ':' need no quoting).
func (lx *lexer) bound(what string) (value string, has bool, err error) {
	lx.skipSpace()
	if lx.pos < len(lx.src) && lx.src[lx.pos] == '"' {
		t, err := lx.phrase()
		return t.text, true, err
	}
	start := lx.pos
	v, err := lx.run(func(r rune) bool { return !unicode.IsSpace(r) && r != ']' && r != '}' })
	switch {
	case err != nil:
		return "", false, err
	case lx.pos == start:
		return "", false, errorf(lx.pos, "expected %s, found %s", what, lx.describeHere())
	case lx.src[start:lx.pos] == "*":
		return "", false, nil
	}
	return v, true, nil
}

// expectTO consumes the TO between range bounds.
func (lx *lexer) expectTO() error {
	lx.skipSpace()
	start := lx.pos
	found := lx.describeHere()
	_, err := lx.run(func(r rune) bool { return !unicode.IsSpace(r) && r != ']' && r != '}' })
	if err != nil || lx.src[start:lx.pos] != "TO" {
		if lx.pos > start {
			found = snippet(lx.src[start:lx.pos])
		}
		return errorf(start, "expected TO between range bounds, found %s", found)
	}
	return nil
}

// compare lexes Elasticsearch's one-sided ranges: >a, >=a, <a, <=a. The
// value is a quoted string or a run of term characters and ':', so
// @timestamp:>=2024-01-02T03:04:05Z needs no escaping.
func (lx *lexer) compare() (token, error) {
	start := lx.pos
	greater := lx.src[lx.pos] == '>'
	lx.pos++
	incl := lx.pos < len(lx.src) && lx.src[lx.pos] == '='
	if incl {
		lx.pos++
	}
	value, has, err := lx.compareValue(lx.src[start:lx.pos])
	if err != nil {
		return token{}, err
	}
	var r Range
	if greater {
		r.Lower, r.HasLower, r.IncludeLower = value, has, incl && has
	} else {
		r.Upper, r.HasUpper, r.IncludeUpper = value, has, incl && has
	}
	return token{kind: tRange, pos: start, end: lx.pos, rng: r}, nil
}

func (lx *lexer) compareValue(op string) (value string, has bool, err error) {
	if lx.pos < len(lx.src) && lx.src[lx.pos] == '"' {
		t, err := lx.phrase()
		return t.text, true, err
	}
	start := lx.pos
	v, err := lx.run(isCompareRune)
	switch {
	case err != nil:
		return "", false, err
	case lx.pos == start:
		return "", false, errorf(lx.pos, "expected a value right after %q, found %s", op, lx.describeHere())
	case lx.src[start:lx.pos] == "*":
		return "", false, nil
	}
	return v, true, nil
}

// isCompareRune reports whether r may appear unescaped in a comparison value.
func isCompareRune(r rune) bool { return r == ':' || isTermRune(r, false) }

// run consumes characters while ok holds, resolving backslash escapes, and
// returns them unescaped.
func (lx *lexer) run(ok func(rune) bool) (string, error) {
	var b strings.Builder
	for lx.pos < len(lx.src) {
		r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if r == '\\' {
			e, err := lx.escape()
			if err != nil {
				return "", err
			}
			b.WriteRune(e)
			continue
		}
		if !ok(r) {
			break
		}
		b.WriteRune(r)
		lx.pos += size
	}
	return b.String(), nil
}

// boostNumber is Lucene's NUMBER token.
var boostNumber = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// boost lexes ^N. Scores do not exist here, so the parser ignores it; it is
// accepted because queries copied from Kibana carry it.
func (lx *lexer) boost() (token, error) {
	start := lx.pos
	lx.pos++
	from := lx.pos
	for lx.pos < len(lx.src) {
		r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if !isTermRune(r, false) {
			break
		}
		lx.pos += size
	}
	if n := lx.src[from:lx.pos]; !boostNumber.MatchString(n) {
		found := snippet(n)
		if n == "" {
			lx.pos = from
			found = lx.describeHere()
		}
		return token{}, errorf(from, "expected a number after '^', found %s", found)
	}
	return token{kind: tBoost, pos: start, end: lx.pos}, nil
}

// describeHere names the input at the lexer's position for error messages.
func (lx *lexer) describeHere() string {
	if lx.pos >= len(lx.src) {
		return "end of query"
	}
	r, _ := utf8.DecodeRuneInString(lx.src[lx.pos:])
	if unicode.IsSpace(r) {
		return "whitespace"
	}
	return strconv.QuoteRune(r)
}

// snippet quotes s for an error message, shortened on a rune boundary.
func snippet(s string) string {
	const max = 40
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return strconv.Quote(s)
}
