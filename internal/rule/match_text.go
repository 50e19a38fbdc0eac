package rule

import (
	"strings"

	"github.com/logstack/logstack/internal/query"
)

// textWords splits text into its lower-cased words, as every backend does
// (query.IsWordRune).
func textWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !query.IsWordRune(r) })
}

// containsWords reports whether text holds the query words consecutively;
// a query word may hold * and ? wildcards. No word matches nothing.
func containsWords(text string, ws []string) bool {
	if len(ws) == 0 {
		return false
	}
	tw := textWords(text)
	for i := 0; i+len(ws) <= len(tw); i++ {
		ok := true
		for j, w := range ws {
			if !wordGlob([]rune(w), []rune(tw[i+j])) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// wordGlob matches a lower-cased word pattern (* any run, ? one rune).
func wordGlob(p, s []rune) bool {
	return glob(p, s, func(int) bool { return false })
}

// globMatch matches a query wildcard value (unescaped * and ?, literal
// characters escaped with a backslash) against a whole string, case
// sensitively, as DuckDB's LIKE.
func globMatch(value, s string) bool {
	var p []rune
	var literal []bool
	escaped := false
	for _, r := range value {
		if !escaped && r == '\\' {
			escaped = true
			continue
		}
		p = append(p, r)
		literal = append(literal, escaped)
		escaped = false
	}
	return glob(p, []rune(s), func(i int) bool { return literal[i] })
}

// glob is an iterative wildcard matcher with backtracking to the last *.
func glob(p, s []rune, literal func(int) bool) bool {
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*' && !literal(pi):
			star, mark = pi, si
			pi++
		case pi < len(p) && (p[pi] == s[si] || p[pi] == '?' && !literal(pi)):
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' && !literal(pi) {
		pi++
	}
	return pi == len(p)
}
