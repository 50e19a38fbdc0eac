package config

import (
	"strconv"
	"strings"
)

// tokenIssue is one token that could not be replaced.
type tokenIssue struct {
	tok string // the token as written, e.g. "${HOME}", to locate it
	err error
}

// expander replaces ${VAR}, ${VAR:-default} and @@KEY@@ tokens.
type expander struct {
	lookupEnv func(string) (string, bool)
	vars      map[string]string
}

// expand returns s with its tokens replaced and whether it had any. With
// allowVars false (inside vars:) an @@KEY@@ token is a problem, since vars
// do not refer to each other. Problems never include a substituted value.
func (x *expander) expand(s string, allowVars bool) (out string, found bool, issues []tokenIssue) {
	if !strings.Contains(s, "${") && !strings.Contains(s, "@@") {
		return s, false, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "$${"):
			b.WriteString("${")
			i += 3
		case strings.HasPrefix(rest, "${"):
			ref, ok := parseEnvRef(rest)
			if !ok {
				issues = append(issues, tokenIssue{ref.tok, errorf(ErrBadToken, "malformed reference %s: write ${NAME} or ${NAME:-default}, NAME being letters, digits and '_'", quoteToken(ref.tok))})
				b.WriteString(ref.tok)
				i += len(ref.tok)
				continue
			}
			found = true
			val, err := x.env(ref)
			if err == nil && strings.ContainsAny(val, "\r\n") {
				err = errorf(ErrNewline, "value of %s contains a newline", ref.tok)
			}
			if err != nil {
				issues = append(issues, tokenIssue{ref.tok, err})
			}
			b.WriteString(val)
			i += len(ref.tok)
		case strings.HasPrefix(rest, "@@"):
			key, n, ok := parseVarRef(rest)
			if !ok {
				b.WriteByte('@')
				i++
				continue
			}
			found = true
			tok := rest[:n]
			val, err := x.variable(key, allowVars)
			if err == nil && strings.ContainsAny(val, "\r\n") {
				err = errorf(ErrNewline, "value of %s contains a newline", tok)
			}
			if err != nil {
				issues = append(issues, tokenIssue{tok, err})
			}
			b.WriteString(val)
			i += n
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), found, issues
}

// env resolves a ${VAR} reference; like the shell's ${VAR:-d}, the default
// applies when VAR is unset or empty.
func (x *expander) env(ref envRef) (string, error) {
	val, set := x.lookupEnv(ref.name)
	if ref.hasDefault && val == "" {
		return ref.def, nil
	}
	if !set {
		return "", errorf(ErrUnsetVar, "environment variable %s is not set and %s has no default", ref.name, ref.tok)
	}
	return val, nil
}

// variable resolves an @@KEY@@ token from vars.
func (x *expander) variable(key string, allowVars bool) (string, error) {
	if !allowVars {
		return "", errorf(ErrBadToken, "@@%s@@ cannot be used inside vars", key)
	}
	val, ok := x.vars[key]
	if !ok {
		return "", errorf(ErrUndefinedToken, "@@%s@@ is not defined in vars", key)
	}
	return val, nil
}

// envRef is a parsed ${NAME} or ${NAME:-default}.
type envRef struct {
	tok        string // the whole reference as written
	name       string
	def        string
	hasDefault bool
}

// parseEnvRef parses the reference at the start of s (which starts with
// "${"). When it is malformed, tok is what to report and skip.
func parseEnvRef(s string) (envRef, bool) {
	end := strings.IndexAny(s, "}\n")
	if !strings.HasPrefix(s, "${") || end < 0 || s[end] != '}' {
		return envRef{tok: "${"}, false
	}
	ref := envRef{tok: s[:end+1]}
	ref.name, ref.def, ref.hasDefault = strings.Cut(s[2:end], ":-")
	return ref, isEnvName(ref.name)
}

// isEnvName reports whether s is a valid environment variable name.
func isEnvName(s string) bool {
	if s == "" || ('0' <= s[0] && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && !('0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// parseVarRef parses an @@KEY@@ token at the start of s, returning the key
// and the token's length.
func parseVarRef(s string) (key string, n int, ok bool) {
	end := strings.Index(s[2:], "@@")
	if end <= 0 {
		return "", 0, false
	}
	key = s[2 : 2+end]
	if !isVarName(key) {
		return "", 0, false
	}
	return key, end + 4, true
}

// isVarName reports whether s can name a var: letters, digits, '_', '.'
// and '-'.
func isVarName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && c != '.' && c != '-' && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && !('0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// quoteToken quotes a malformed token for a message, shortened to 40
// runes.
func quoteToken(tok string) string {
	if r := []rune(tok); len(r) > 40 {
		tok = string(r[:40]) + "..."
	}
	return strconv.Quote(tok)
}
