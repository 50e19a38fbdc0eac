package elb

import (
	"fmt"
	"strings"
)

// token is one space-separated field of a log line: its text without the
// surrounding quotes and the byte offset where it starts in the line.
type token struct {
	s   string
	off int
}

// maxTokens bounds how many fields any layout reads; AWS asks parsers to
// ignore fields after the ones they know, so the scanner stops there.
const maxTokens = 40

// tokens holds the fields of one line on the stack.
type tokens struct {
	t [maxTokens]token
	n int
	// rest is true when the scanner stopped at limit with text left over.
	rest bool
}

// scan splits line into at most limit fields. A field is either bare (up to
// the next space) or quoted: it starts with '"' and ends at the next '"' that
// is not escaped with a backslash, which must be followed by a space or the
// end of the line. Quoted fields may hold spaces ("GET /a b HTTP/1.1"). AWS
// hex-escapes quotes inside values (\x22); a backslash-escaped quote (\")
// is accepted too and unescaped, which costs one allocation for that field.
// With quotes false every field is bare, for layouts (NLB) whose fields
// never hold spaces but may hold quotes ("h2","http/1.1").
func scan(line string, limit int, quotes bool, ts *tokens) error {
	ts.n, ts.rest = 0, false
	i := 0
	for i < len(line) {
		if ts.n == limit {
			ts.rest = true
			return nil
		}
		start := i
		var val string
		if quotes && line[i] == '"' {
			end, esc, err := closingQuote(line, i+1)
			if err != nil {
				return fmt.Errorf("%w: field %d at byte %d: %v", ErrMalformed, ts.n+1, start, err)
			}
			val = line[i+1 : end]
			if esc {
				val = strings.ReplaceAll(val, `\"`, `"`)
			}
			i = end + 1
			if i < len(line) && line[i] != ' ' {
				return fmt.Errorf("%w: field %d at byte %d: closing quote at byte %d is followed by %q, not a space", ErrMalformed, ts.n+1, start, end, line[i])
			}
		} else {
			j := strings.IndexByte(line[i:], ' ')
			if j < 0 {
				j = len(line) - i
			}
			val = line[i : i+j]
			i += j
		}
		if val == "" && line[start] != '"' {
			return fmt.Errorf("%w: field %d at byte %d is empty (two spaces in a row?)", ErrMalformed, ts.n+1, start)
		}
		ts.t[ts.n] = token{s: val, off: start}
		ts.n++
		if i < len(line) {
			i++ // the separating space
			if i == len(line) {
				return fmt.Errorf("%w: line ends with a space after field %d", ErrMalformed, ts.n)
			}
		}
	}
	return nil
}

// closingQuote returns the index of the quote that closes a field whose text
// starts at from, and whether the text holds escaped quotes.
func closingQuote(line string, from int) (int, bool, error) {
	esc := false
	for i := from; i < len(line); i++ {
		switch line[i] {
		case '\\':
			if i+1 < len(line) && line[i+1] == '"' {
				esc = true
				i++
			}
		case '"':
			return i, esc, nil
		}
	}
	return 0, false, fmt.Errorf("quoted field has no closing quote")
}
