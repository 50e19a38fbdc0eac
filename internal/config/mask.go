package config

import "strings"

// YAML reserves '@' at the start of a plain scalar and gives '{', '}', '[',
// ']', ',' and '#' structural meaning, so "port: @@PORT@@" or
// "keys: [${KEY}]" would not parse. Before parsing, mask replaces those
// characters inside token-shaped spans with private-use runes (one rune for
// one, so columns stay right); unmask restores them in every scalar before
// tokens are substituted. Files holding these private-use runes are
// rejected, which keeps the mapping reversible.
const maskBase = '\uE000'

// maskable lists the characters mask replaces, in the order of their
// private-use runes.
const maskable = "@{}[],#:"

// isMaskRune reports whether r belongs to the reserved private-use block.
func isMaskRune(r rune) bool { return r >= maskBase && r <= maskBase+0xFF }

// mask replaces maskable characters inside ${...} and @@KEY@@ spans; it
// never spans lines.
func mask(raw []byte) []byte {
	s := string(raw)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		if n := tokenSpan(s[i:]); n > 0 {
			for _, r := range s[i : i+n] {
				if k := strings.IndexRune(maskable, r); k >= 0 {
					r = maskBase + rune(k)
				}
				b.WriteRune(r)
			}
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return []byte(b.String())
}

// tokenSpan returns the length of the token at the start of s, or 0.
func tokenSpan(s string) int {
	switch {
	case strings.HasPrefix(s, "${"):
		end := strings.IndexAny(s, "}\n")
		if end < 0 || s[end] != '}' {
			return 0
		}
		return end + 1
	case strings.HasPrefix(s, "@@"):
		if _, n, ok := parseVarRef(s); ok {
			return n
		}
	}
	return 0
}

// unmask restores the characters mask replaced.
func unmask(s string) string {
	if !strings.ContainsFunc(s, isMaskRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if k := r - maskBase; k >= 0 && int(k) < len(maskable) {
			return rune(maskable[k])
		}
		return r
	}, s)
}
