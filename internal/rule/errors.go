package rule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinels classify every Problem, so callers (rules validate, the config
// check, tests) can tell kinds apart with errors.Is. All of them are
// permanent: reloading the same file cannot fix them.
var (
	// ErrSyntax: the file is not valid YAML.
	ErrSyntax = errors.New("yaml syntax error")
	// ErrUnknownKey: a key ElastAlert2 does not define either (often a typo).
	ErrUnknownKey = errors.New("unknown key")
	// ErrUnsupported: a key or value ElastAlert2 defines that logstack does
	// not implement yet; the rule would behave differently, so it is refused.
	ErrUnsupported = errors.New("not supported yet")
	// ErrInvalid: a value of the wrong type or out of range, or a missing
	// required key.
	ErrInvalid = errors.New("invalid value")
)

// Problem is one thing wrong with a rule file, located so an editor or a
// CI annotation can point at it.
type Problem struct {
	File string
	Line int
	Col  int
	// Key is the dotted path of the setting, e.g. "filter[0].term"; empty
	// for problems with the whole file.
	Key string
	// Err wraps one of the sentinels above.
	Err error
}

// Error formats the problem as "file:line:col: key: message".
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
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Err.Error())
	return b.String()
}

// Unwrap exposes the sentinel.
func (p *Problem) Unwrap() error { return p.Err }

// Problems flattens an error returned by Load into its problems, in file
// order.
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
	walk(err)
	return out
}

// kindError is a message classified by a sentinel it does not repeat.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// errorf builds a message classified by kind.
func errorf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}
