package query

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrSyntax is wrapped by every *SyntaxError so callers (the search API, the
// alerter's rule loader) can tell a bad query, a permanent client error that
// retrying cannot fix, from a backend failure with errors.Is.
var ErrSyntax = errors.New("query syntax error")

// SyntaxError reports where a query string stops making sense, so a user can
// fix the query in the search box: Pos is the 0-based byte offset of the
// offending input and Msg names what was expected and what was found.
type SyntaxError struct {
	Pos int
	Msg string
}

// Error renders the error as "query: position N: expected ..., found ...".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("query: position %d: %s", e.Pos, e.Msg)
}

// Unwrap returns ErrSyntax so errors.Is classifies every syntax error as
// permanent.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// errorf builds a *SyntaxError at pos.
func errorf(pos int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// unexpected reports the current token as not what the grammar wanted.
func (p *parser) unexpected(want, hint string) error {
	return errorf(p.tok.pos, "expected %s, found %s%s", want, p.describe(p.tok), hint)
}

func (p *parser) raw(t token) string { return p.lx.src[t.pos:t.end] }

// describe names a token for error messages.
func (p *parser) describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of query"
	case tLParen, tRParen:
		return "'" + p.raw(t) + "'"
	case tAnd, tOr, tNot, tPlus, tMinus:
		return "operator " + snippet(p.raw(t))
	case tField:
		return "field " + snippet(p.raw(t))
	case tPhrase:
		return "phrase " + snippet(t.text)
	case tRange:
		return "range " + snippet(p.raw(t))
	case tBoost:
		return "boost " + snippet(p.raw(t))
	}
	return "term " + snippet(p.raw(t))
}

func invalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return 0
}
