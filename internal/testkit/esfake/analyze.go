package esfake

import (
	"strings"
	"unicode"
)

// analyze approximates the standard analyzer: tokens are maximal runs of
// Unicode letters, digits, marks and '_' (the word characters of Unicode
// text segmentation), lowercased.
func analyze(s string) []string { return lowercase(splitWords(s)) }

// splitWords is the tokenizer of analyze, without lowercasing.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r))
	})
}

// globMatch matches s against a wildcard pattern: '*' any run of
// characters, '?' one character, '\' escapes the next character.
func globMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	pi, ti := 0, 0
	starP, starT := -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && p[pi] == '*':
			starP, starT = pi, ti
			pi++
		case pi < len(p) && p[pi] == '\\' && pi+1 < len(p) && p[pi+1] == t[ti]:
			pi += 2
			ti++
		case pi < len(p) && p[pi] != '\\' && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case starP >= 0:
			starT++
			pi, ti = starP+1, starT
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
