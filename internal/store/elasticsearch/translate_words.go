package elasticsearch

import (
	"strings"
	"unicode"

	"github.com/logstack/logstack/internal/query"
)

// words matches a text field: the words of the value as a phrase, or,
// with wildcards, each word as a wildcard over the field's terms.
func (t *translator) words(field string, n query.Term) dsl {
	ws := queryWords(n.Value, n.Kind == query.Wildcard)
	if len(ws) == 0 {
		return matchNone
	}
	if n.Kind != query.Wildcard || !anyWild(ws) {
		return dsl{"match_phrase": dsl{field: dsl{"query": strings.Join(ws, " ")}}}
	}
	if len(ws) == 1 {
		if strings.Trim(ws[0], "*") == "" {
			return dsl{"exists": dsl{"field": field}}
		}
		return dsl{"wildcard": dsl{field: dsl{"value": ws[0]}}}
	}
	// Several words with wildcards: the subset has no span queries, so
	// each word must occur but not necessarily next to the others (see
	// docs/ELASTICSEARCH.md, known differences).
	var must []any
	for _, w := range ws {
		if strings.Trim(w, "*") == "" {
			continue
		}
		if strings.ContainsAny(w, "*?") {
			must = append(must, dsl{"wildcard": dsl{field: dsl{"value": w}}})
		} else {
			must = append(must, dsl{"match_phrase": dsl{field: dsl{"query": w}}})
		}
	}
	if len(must) == 0 {
		return dsl{"exists": dsl{"field": field}}
	}
	return dsl{"bool": dsl{"filter": must}}
}

func anyWild(ws []string) bool {
	for _, w := range ws {
		if strings.ContainsAny(w, "*?") {
			return true
		}
	}
	return false
}

// isWordRune is the DuckDB store's word character: letters, digits,
// combining marks and '_'.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// queryWords splits a term's value into lowercase words; for wildcard
// terms unescaped * and ? stay in the word around them.
func queryWords(value string, wildcard bool) []string {
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
		case isWordRune(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
		escaped = false
	}
	flush()
	return out
}
