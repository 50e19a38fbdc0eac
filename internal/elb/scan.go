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
	// quoted counts the quoted fields read: when the line holds no other
	// quotes (2*quoted of them), no value holds one.
	quoted int
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
	ts.n, ts.rest, ts.quoted = 0, false, 0
	i := 0
	for i < len(line) {
		if ts.n == limit {
			ts.rest = true
			return nil
		}
		start := i
		var val string
		if quotes && line[i] == '"' {
			ts.quoted++
			end, esc, err := closingQuote(line, i+1)
			if err != nil {
				return &scanError{field: ts.n + 1, off: start, msg: err.Error()}
			}
			val = line[i+1 : end]
			if esc {
				val = strings.ReplaceAll(val, `\"`, `"`)
			}
			i = end + 1
			if i < len(line) && line[i] != ' ' {
				return &scanError{field: ts.n + 1, off: start, msg: fmt.Sprintf("closing quote at byte %d is followed by %q, not a space", end, line[i])}
			}
		} else {
			// Bare fields are short: a loop beats IndexByte's call here.
			j := i
			for j < len(line) && line[j] != ' ' {
				j++
			}
			val = line[i:j]
			i = j
		}
		if val == "" && line[start] != '"' {
			return &scanError{field: ts.n + 1, off: start, msg: "empty field (two spaces in a row?)"}
		}
		ts.t[ts.n] = token{s: val, off: start}
		ts.n++
		if i < len(line) {
			i++ // the separating space
			if i == len(line) {
				return &scanError{field: ts.n, off: i - 1, msg: "line ends with a space"}
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
		j := strings.IndexByte(line[i:], '"')
		if j < 0 {
			break
		}
		i += j
		// A quote is escaped when a backslash inside the field precedes
		// it: a backslash only pairs with the quote after it.
		if i == from || line[i-1] != '\\' {
			return i, esc, nil
		}
		esc = true
	}
	return 0, false, fmt.Errorf("quoted field has no closing quote")
}

// scanError is a layout problem found while splitting; the format's parser
// names the field with wrapScan.
type scanError struct {
	field, off int
	msg        string
}

func (e *scanError) Error() string {
	return fmt.Sprintf("field %d at byte %d: %s", e.field, e.off, e.msg)
}

// wrapScan turns a scanError into a field error naming the field.
func wrapScan(f Format, err error, name func(int) string) error {
	se, ok := err.(*scanError)
	if !ok {
		return err
	}
	return fieldErr(f, se.field, name(se.field), token{off: se.off}, "%s", se.msg)
}
