package yamlsrc

import (
	"fmt"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a file, located so that a person can fix
// every problem in one pass. File is empty when the value did not come from
// a file; Line and Col are 0 when unknown.
type Problem struct {
	File string
	Line int
	Col  int
	// Path is the dotted key of the setting, e.g. "http.addr" or
	// "filter[0].term"; empty for problems with a whole file.
	Path string
	// Err says what is wrong; it wraps the loader's sentinel that
	// classifies the problem.
	Err error
}

// Error formats the problem as "file:line:col: path: message".
func (p *Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			b.WriteString(":" + strconv.Itoa(p.Line))
			if p.Col > 0 {
				b.WriteString(":" + strconv.Itoa(p.Col))
			}
		}
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	if p.Err != nil {
		b.WriteString(p.Err.Error())
	}
	return b.String()
}

// Unwrap lets errors.Is match the sentinel that classifies the problem.
func (p *Problem) Unwrap() error { return p.Err }

// Problems flattens an error made of Problems (joined with errors.Join)
// into its problems, in the order they were found, for a caller that wants
// to count, sort or print them one by one.
func Problems(err error) []*Problem {
	var out []*Problem
	var walk func(error)
	walk = func(err error) {
		if p, ok := err.(*Problem); ok {
			out = append(out, p)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

// kindError is a message classified by a sentinel: its text reads naturally
// ("unknown key ...") while errors.Is still finds the sentinel.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// Errorf returns an error with the formatted message, classified as kind
// without repeating kind's text.
func Errorf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}
