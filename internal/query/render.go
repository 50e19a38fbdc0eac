package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String renders n as a canonical query string: explicit AND/OR/NOT,
// parentheses only where precedence needs them, every term with its own
// field, and escapes only where the lexer needs them. Parse(String(n)) equals
// n for every n that Parse returns (unless spelling out operators and fields
// grows the text past MaxLength), which lets log messages show the query
// that actually ran and lets the fuzz test check the parser against itself.
// And{} renders as "*:*" and Or{} as "NOT *:*", their vacuous meanings.
func String(n Node) string {
	var b strings.Builder
	writeNode(&b, n)
	return b.String()
}

func writeNode(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case MatchAll:
		b.WriteString("*:*")
	case And:
		writeJoined(b, n.Nodes, " AND ", "*:*", isAndOr)
	case Or:
		writeJoined(b, n.Nodes, " OR ", "NOT *:*", isOr)
	case Not:
		b.WriteString("NOT ")
		writeOperand(b, n.Node, isAndOr(n.Node))
	case Term:
		writeTerm(b, n)
	case Range:
		writeRange(b, n)
	case Exists:
		b.WriteString(existsField + ":")
		writeWord(b, n.Field, true)
	default:
		fmt.Fprintf(b, "<unknown node %T>", n)
	}
}

func writeJoined(b *strings.Builder, nodes []Node, sep, empty string, paren func(Node) bool) {
	if len(nodes) == 0 {
		b.WriteString(empty)
	}
	for i, c := range nodes {
		if i > 0 {
			b.WriteString(sep)
		}
		writeOperand(b, c, paren(c))
	}
}

func writeOperand(b *strings.Builder, n Node, paren bool) {
	if !paren {
		writeNode(b, n)
		return
	}
	b.WriteByte('(')
	writeNode(b, n)
	b.WriteByte(')')
}

func isOr(n Node) bool { _, ok := n.(Or); return ok }

func isAndOr(n Node) bool {
	_, ok := n.(And)
	return ok || isOr(n)
}

func writeTerm(b *strings.Builder, t Term) {
	value := t.Field != DefaultField
	if value {
		writeWord(b, t.Field, false)
		b.WriteByte(':')
	}
	switch t.Kind {
	case Phrase:
		writeQuoted(b, t.Value)
	case Wildcard:
		writeWildcard(b, t.Value, value)
	default:
		writeWord(b, t.Value, value)
	}
}

// writeWord writes s so that it lexes back as one term with text s; value
// says s follows "field:", where a leading '+' or '-' is literal.
func writeWord(b *strings.Builder, s string, value bool) {
	switch s {
	case "":
		b.WriteString(`""`)
		return
	case "AND", "OR", "NOT", "&&", "||":
		b.WriteByte('\\')
	}
	for i, r := range s {
		if needsEscape(r, i == 0, value) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
}

// writeWildcard writes a Wildcard value: its escapes are kept, its
// wildcards left bare, and any other special character escaped.
func writeWildcard(b *strings.Builder, v string, value bool) {
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		switch {
		case r == '\\' && i+size < len(v):
			e, esize := utf8.DecodeRuneInString(v[i+size:])
			b.WriteByte('\\')
			b.WriteRune(e)
			size += esize
		case r == '*' || r == '?':
			b.WriteRune(r)
		default:
			if needsEscape(r, i == 0, value) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		i += size
	}
}

func needsEscape(r rune, first, value bool) bool {
	switch {
	case r == '*' || r == '?':
		return true
	case first && value && (r == '+' || r == '-'):
		return false
	}
	return !isTermRune(r, first)
}

func writeQuoted(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
}

// writeRange writes a one-sided range as field:>=v (the form people type)
// and any other as field:[a TO b].
func writeRange(b *strings.Builder, r Range) {
	writeWord(b, r.Field, false)
	b.WriteByte(':')
	switch {
	case r.HasLower && !r.HasUpper:
		writeCompare(b, ">", r.IncludeLower, r.Lower)
	case r.HasUpper && !r.HasLower:
		writeCompare(b, "<", r.IncludeUpper, r.Upper)
	default:
		b.WriteByte(pick(r.IncludeLower, '[', '{'))
		writeBound(b, r.Lower, r.HasLower)
		b.WriteString(" TO ")
		writeBound(b, r.Upper, r.HasUpper)
		b.WriteByte(pick(r.IncludeUpper, ']', '}'))
	}
}

func writeCompare(b *strings.Builder, op string, incl bool, v string) {
	b.WriteString(op)
	if incl {
		b.WriteByte('=')
	}
	if v == "" || v == "*" || v[0] == '=' || strings.ContainsFunc(v, func(r rune) bool { return !isCompareRune(r) }) {
		writeQuoted(b, v)
		return
	}
	b.WriteString(v)
}

func writeBound(b *strings.Builder, v string, has bool) {
	switch {
	case !has:
		b.WriteByte('*')
	case v == "" || v == "*" || v == "TO" || strings.ContainsFunc(v, isBoundSpecial):
		writeQuoted(b, v)
	default:
		b.WriteString(v)
	}
}

func isBoundSpecial(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(`"\]}`, r)
}

func pick(cond bool, yes, no byte) byte {
	if cond {
		return yes
	}
	return no
}
