package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Every configuration error is permanent: retrying cannot fix a file, so the
// sentinels below only tell problems apart (errors.Is through a *Problem).
var (
	// ErrNotFound marks a file that was asked for and is absent: a config
	// path given explicitly, or a named environment's overlay.
	ErrNotFound = errors.New("config file not found")
	// ErrSyntax marks a file that is not valid YAML (or not a single
	// mapping document).
	ErrSyntax = errors.New("invalid yaml")
	// ErrUnknownKey marks a key the schema does not have, usually a typo
	// that would otherwise be silently ignored.
	ErrUnknownKey = errors.New("unknown key")
	// ErrType marks a value of the wrong type for its key, such as a string
	// where an integer, boolean, duration or byte size is expected.
	ErrType = errors.New("wrong type")
	// ErrUnsetVar marks a ${VAR} whose variable is unset and has no default.
	ErrUnsetVar = errors.New("environment variable not set")
	// ErrUndefinedToken marks an @@KEY@@ token whose KEY is not in vars.
	ErrUndefinedToken = errors.New("undefined token")
	// ErrBadToken marks a malformed ${...} reference or a token where none
	// is allowed.
	ErrBadToken = errors.New("malformed token")
	// ErrNewline marks a substituted value that contains a line break,
	// which no single-line setting can hold and which hints at a wrong
	// variable.
	ErrNewline = errors.New("substituted value contains a newline")
	// ErrLiteralSecret marks a secret written in the file as plain text
	// instead of ${VAR} or a *_file key.
	ErrLiteralSecret = errors.New("secret given as a literal")
	// ErrInvalid marks a value that has the right type but is not usable
	// (an address that does not parse, a size of zero, an unknown level).
	ErrInvalid = errors.New("invalid value")
)

// Problem is one thing wrong with the configuration, located in the file
// that caused it so that a person can fix every problem in one pass. File is
// empty when the value is a default or was set in code; Line and Col are 0
// when unknown.
type Problem struct {
	File string
	Line int
	Col  int
	// Path is the dotted key of the setting, e.g. "http.addr" or
	// "store.columns[1].type"; empty for problems with a whole file.
	Path string
	// Err says what is wrong; it wraps one of the Err* sentinels.
	Err error
}

// Error formats the problem as "file:line:col: path: message", the form
// editors and CI annotations understand.
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

// Problems flattens an error returned by Load or Validate into its
// problems, in the order they were found, for a caller that wants to count,
// sort or print them one by one.
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

// errorf returns an error with the formatted message, classified as kind.
func errorf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}
