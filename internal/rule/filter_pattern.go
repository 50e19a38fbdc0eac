package rule

import (
	"strings"

	"github.com/logstack/logstack/internal/query"
)

// wildcard matches a pattern with * and ?. Semantic gap: Elasticsearch
// matches keyword fields case-sensitively unless case_insensitive is set;
// logstack applies its own wildcard semantics (see internal/query).
func (t *translator) wildcard(n *node, key string) query.Node {
	f, body, key, ok := t.fieldBody(n, key)
	if !ok {
		return nil
	}
	o, ok := t.options(body, key, "value", "boost")
	if !ok {
		return nil
	}
	if body.kind == kMap && o["value"] == nil {
		return nil
	}
	v, ok := t.scalarText(o["value"], key)
	if !ok {
		return nil
	}
	return patternTerm(f, normalizeWildcard(v))
}

// prefix matches values starting with the given text.
func (t *translator) prefix(n *node, key string) query.Node {
	f, body, key, ok := t.fieldBody(n, key)
	if !ok {
		return nil
	}
	o, ok := t.options(body, key, "value", "boost")
	if !ok {
		return nil
	}
	v, ok := t.scalarText(o["value"], key)
	if !ok {
		return nil
	}
	if v == "" {
		return query.Exists{Field: f}
	}
	return query.Term{Field: f, Value: escapeWildcard(v) + "*", Kind: query.Wildcard}
}

// normalizeWildcard rewrites Elasticsearch's escaping (a backslash escapes
// any character) into the AST's (only *, ? and \ are escaped).
func normalizeWildcard(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(p) {
			b.WriteString(`\\`)
			break
		}
		i++
		if n := p[i]; n == '*' || n == '?' || n == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// escapeWildcard escapes a literal for a Wildcard term.
func escapeWildcard(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`)
	return r.Replace(s)
}

// patternTerm builds a Wildcard term, or a Phrase when the normalized
// pattern has no unescaped wildcard (the AST requires one).
func patternTerm(field, p string) query.Node {
	hasWild := false
	var lit strings.Builder
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
			lit.WriteByte(p[i])
		case '*', '?':
			hasWild = true
		default:
			lit.WriteByte(p[i])
		}
	}
	if hasWild {
		return query.Term{Field: field, Value: p, Kind: query.Wildcard}
	}
	return query.Term{Field: field, Value: lit.String(), Kind: query.Phrase}
}
