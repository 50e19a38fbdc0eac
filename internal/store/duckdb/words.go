package duckdb

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/logstack/logstack/internal/query"
)

// Words are maximal runs of letters, digits, combining marks and '_'
// (query.IsWordRune). The same definition drives the write-side signature
// and the query-side regular expression, so a word found by one is found by
// the other.
const (
	wordClass    = `[\pL\pN\pM_]`
	nonWordClass = `[^\pL\pN\pM_]`
)

// foldRune maps r to a canonical member of its case-folding orbit (the
// smallest), the equivalence RE2's (?i) uses, so that a word and the same
// word in any case fold to one string.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// signature is a 128-bit bloom filter of a message's words (three bits per
// word, stored as two UBIGINT columns). Stored beside the message, it lets
// a word search discard almost every row with integer operations before
// the regular expression, which needs the decompressed text, checks the
// rows left: for a ten-word message about 1% of the rows without the word
// pass.
type signature [2]uint64

// FNV-1a, written out so that signing a message allocates nothing.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// add sets the bits of one folded word.
func (s *signature) add(word string) {
	h := uint64(fnvOffset)
	for i := 0; i < len(word); i++ {
		h = (h ^ uint64(word[i])) * fnvPrime
	}
	s.set(h)
}

// set sets the three bits h selects, each from seven of its bits.
func (s *signature) set(h uint64) {
	for i := range 3 {
		b := h >> (7 * i) & 127
		s[b>>6] |= 1 << (b & 63)
	}
}

// messageSignature returns the signature of a message's words; it hashes
// the folded words as add does without building them.
func messageSignature(msg string) signature {
	var s signature
	var buf [utf8.UTFMax]byte
	h, inWord := uint64(fnvOffset), false
	for _, r := range msg {
		if !query.IsWordRune(r) {
			if inWord {
				s.set(h)
				h, inWord = fnvOffset, false
			}
			continue
		}
		inWord = true
		n := utf8.EncodeRune(buf[:], foldRune(r))
		for _, c := range buf[:n] {
			h = (h ^ uint64(c)) * fnvPrime
		}
	}
	if inWord {
		s.set(h)
	}
	return s
}

// pattern is one word of a query: folded literal text with '*' (any run of
// word characters) and '?' (one word character) where the query had
// unescaped wildcards. Literal '*' and '?' are not word characters, so they
// never appear in a pattern.
type pattern string

func (p pattern) wild() bool { return strings.ContainsAny(string(p), "*?") }

// queryWords splits a term's value into folded patterns (query.Words):
// for Wildcard terms unescaped * and ? belong to the word around them.
func queryWords(value string, wildcard bool) []pattern {
	var out []pattern
	for _, w := range query.Words(value, wildcard, foldRune) {
		out = append(out, pattern(w))
	}
	return out
}

// wordsRegexp returns an RE2 expression matching the patterns as
// consecutive whole words, case-insensitively.
func wordsRegexp(words []pattern) string {
	var b strings.Builder
	b.WriteString(`(?i)(?:^|` + nonWordClass + `)`)
	for i, w := range words {
		if i > 0 {
			b.WriteString(nonWordClass + `+`)
		}
		for _, r := range string(w) {
			switch r {
			case '*':
				b.WriteString(wordClass + `*`)
			case '?':
				b.WriteString(wordClass)
			default:
				b.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
	}
	b.WriteString(`(?:` + nonWordClass + `|$)`)
	return b.String()
}

// wordsLike returns an ILIKE pattern (escape character '\') that every
// match of the patterns also matches: the words in order with anything
// between them. It is the prefilter for text columns without a signature.
func wordsLike(words []pattern) string {
	var b strings.Builder
	b.WriteByte('%')
	for _, w := range words {
		for _, r := range string(w) {
			switch r {
			case '*':
				b.WriteByte('%')
			case '?':
				b.WriteByte('_')
			case '%', '_', '\\':
				b.WriteByte('\\')
				b.WriteRune(r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('%')
	}
	return b.String()
}

// wordsSignature returns the bits every message containing the literal
// (wildcard-free) patterns has set in its signature.
func wordsSignature(words []pattern) signature {
	var s signature
	for _, w := range words {
		if !w.wild() {
			s.add(string(w))
		}
	}
	return s
}
