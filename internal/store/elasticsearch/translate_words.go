package elasticsearch

import (
	"strings"
	"unicode"

	"github.com/logstack/logstack/internal/query"
)

// words matches a text field: the words of the value as a phrase, or,
// with wildcards, each word as a wildcard over the field's terms.
func (t *translator) words(field string, n query.Term) dsl {
	ws := query.Words(n.Value, n.Kind == query.Wildcard, unicode.ToLower)
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
