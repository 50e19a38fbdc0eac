package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies a token of the query string.
type tokenKind int

const (
	tEOF    tokenKind = iota
	tLParen           // (
	tRParen           // )
	tAnd              // AND &&
	tOr               // OR ||
	tNot              // NOT !
	tPlus             // + (must)
	tMinus            // - (must not)
	tTerm             // word, possibly with wildcards
	tField            // word followed by ':' (the colon is part of the token)
	tPhrase           // "quoted"
	tRange            // [a TO b], {a TO b}, >=a, <b ...
	tBoost            // ^2 (parsed, ignored)
)

// token is one lexeme. For tTerm and tField, text is the unescaped word and
// wild is the Wildcard form (literal '*', '?', '\' escaped); for tPhrase,
// text is the unescaped content; for tRange, rng holds the bounds.
type token struct {
	kind     tokenKind
	pos, end int
	text     string
	wild     string
	hasWild  bool // an unescaped '*' or '?'
	escaped  bool // any backslash escape: "\AND" is a term, not an operator
	rng      Range
}

// lexer splits a query into tokens on demand. Lexing depends on a little
// context: right after "field:" a value may start with '+' or '-' (so
// status:-1 is a negative number, not a prohibited clause).
type lexer struct {
	src       string
	pos       int
	valueNext bool
}

// next returns the next token, or a *SyntaxError for input that no parser
// state accepts (unsupported syntax, unterminated phrase or range).
func (lx *lexer) next() (token, error) {
	value := lx.valueNext
	lx.valueNext = false
	lx.skipSpace()
	if lx.pos >= len(lx.src) {
		return token{kind: tEOF, pos: lx.pos, end: lx.pos}, nil
	}
	switch lx.src[lx.pos] {
	case '(':
		return lx.single(tLParen), nil
	case ')':
		return lx.single(tRParen), nil
	case '!':
		return lx.single(tNot), nil
	case '+':
		if !value {
			return lx.single(tPlus), nil
		}
	case '-':
		if !value {
			return lx.single(tMinus), nil
		}
	case '"':
		return lx.phrase()
	case '[', '{':
		return lx.bracketRange()
	case '>', '<':
		return lx.compare()
	case '^':
		return lx.boost()
	}
	if err := lx.unsupported(); err != nil {
		return token{}, err
	}
	return lx.word(value)
}

// unsupported reports characters that cannot start a token: fuzzy and
// regex syntax we deliberately do not implement, and stray delimiters.
func (lx *lexer) unsupported() error {
	switch lx.src[lx.pos] {
	case '~':
		return errorf(lx.pos, "fuzzy and proximity queries (~) are unsupported; escape '~' as '\\~' or quote the value")
	case '/':
		return errorf(lx.pos, "regular expressions (/.../) are unsupported; escape '/' as '\\/' or quote the value")
	case ':':
		return errorf(lx.pos, "expected a field name before ':', found none; escape ':' as '\\:' or quote the value")
	case ']', '}':
		return errorf(lx.pos, "expected a term, phrase or '(', found %q outside a range", lx.src[lx.pos])
	}
	return nil
}

func (lx *lexer) single(k tokenKind) token {
	lx.pos++
	return token{kind: k, pos: lx.pos - 1, end: lx.pos}
}

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.src) {
		r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		lx.pos += size
	}
}

// word lexes a bare term, an operator keyword or a field name ("word:").
func (lx *lexer) word(value bool) (token, error) {
	t := token{kind: tTerm, pos: lx.pos}
	var text, wild strings.Builder
	for lx.pos < len(lx.src) {
		r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if r == '\\' {
			e, err := lx.escape()
			if err != nil {
				return token{}, err
			}
			text.WriteRune(e)
			if e == '*' || e == '?' || e == '\\' {
				wild.WriteByte('\\')
			}
			wild.WriteRune(e)
			t.escaped = true
			continue
		}
		if !isTermRune(r, lx.pos == t.pos && !value) {
			break
		}
		t.hasWild = t.hasWild || r == '*' || r == '?'
		text.WriteRune(r)
		wild.WriteRune(r)
		lx.pos += size
	}
	if lx.pos == t.pos { // unreachable: next routes every other character
		return token{}, errorf(lx.pos, "expected a term, found %s", lx.describeHere())
	}
	t.end, t.text, t.wild = lx.pos, text.String(), wild.String()
	return lx.classify(t), nil
}

// classify turns an unescaped keyword into an operator and a word directly
// followed by ':' into a field name.
func (lx *lexer) classify(t token) token {
	if !t.escaped {
		switch t.text {
		case "AND", "&&":
			t.kind = tAnd
			return t
		case "OR", "||":
			t.kind = tOr
			return t
		case "NOT":
			t.kind = tNot
			return t
		}
	}
	if lx.pos < len(lx.src) && lx.src[lx.pos] == ':' {
		lx.pos++
		t.kind, t.end, lx.valueNext = tField, lx.pos, true
	}
	return t
}

// escape consumes a backslash and the character after it, which is taken
// literally whatever it is (as Lucene does).
func (lx *lexer) escape() (rune, error) {
	at := lx.pos
	lx.pos++
	if lx.pos >= len(lx.src) {
		return 0, errorf(at, "expected a character after '\\', found end of query")
	}
	r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
	lx.pos += size
	return r, nil
}

// phrase lexes a "quoted phrase"; backslash escapes any character.
func (lx *lexer) phrase() (token, error) {
	start := lx.pos
	lx.pos++
	var b strings.Builder
	for lx.pos < len(lx.src) {
		switch c := lx.src[lx.pos]; c {
		case '"':
			lx.pos++
			return token{kind: tPhrase, pos: start, end: lx.pos, text: b.String()}, nil
		case '\\':
			if lx.pos+1 == len(lx.src) {
				lx.pos++ // a trailing backslash: the phrase is unterminated
				continue
			}
			r, _ := lx.escape()
			b.WriteRune(r)
		default:
			b.WriteByte(c)
			lx.pos++
		}
	}
	return token{}, errorf(len(lx.src), "expected '\"' to close the phrase opened at position %d, found end of query", start)
}

// isTermRune reports whether r may appear unescaped in a term. At the start
// of a term, '+' and '-' are clause modifiers and '>' and '<' start a
// comparison, as in Lucene and Elasticsearch's query_string.
func isTermRune(r rune, first bool) bool {
	if unicode.IsSpace(r) {
		return false
	}
	switch r {
	case '(', ')', '[', ']', '{', '}', '"', ':', '^', '~', '/', '!', '\\':
		return false
	case '+', '-', '>', '<':
		return !first
	}
	return true
}
