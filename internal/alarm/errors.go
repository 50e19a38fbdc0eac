package alarm

import (
	"errors"
	"fmt"
)

// Every alarm-file error is permanent: re-reading the same file cannot fix
// it. The sentinels tell problems apart through errors.Is on a *Problem.
var (
	// ErrSyntax marks a file that is not a single YAML mapping document.
	ErrSyntax = errors.New("invalid yaml")
	// ErrUnknownKey marks a key an alarm does not have, usually a typo that
	// would otherwise silently change what the alarm does.
	ErrUnknownKey = errors.New("unknown key")
	// ErrType marks a value of the wrong YAML type for its key.
	ErrType = errors.New("wrong type")
	// ErrInvalid marks a value of the right type that is not usable (an
	// unknown comparison, a zero period, M greater than N).
	ErrInvalid = errors.New("invalid value")
	// ErrMissing marks a required key that the file lacks.
	ErrMissing = errors.New("missing key")
	// ErrSeries marks a bad line in a datapoint series file.
	ErrSeries = errors.New("invalid datapoint")
)

// Problem is one thing wrong with an alarm file or series file, located so
// that a person can fix every problem in one pass. Line and Col are 0 when
// the problem is about a key that is absent.
type Problem struct {
	File string
	Line int
	Col  int
	// Path is the dotted key, e.g. "metric.statistic"; empty for problems
	// with the whole file.
	Path string
	// Err says what is wrong; it wraps one of the Err* sentinels.
	Err error
}

// Error formats the problem as "file:line:col: path: message", the form
// editors and CI annotations understand.
func (p *Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, p.Line)
		if p.Col > 0 {
			loc = fmt.Sprintf("%s:%d", loc, p.Col)
		}
	}
	if p.Path != "" {
		return fmt.Sprintf("%s: %s: %v", loc, p.Path, p.Err)
	}
	return fmt.Sprintf("%s: %v", loc, p.Err)
}

// Unwrap exposes the sentinel for errors.Is.
func (p *Problem) Unwrap() error { return p.Err }

// errorf wraps a sentinel with a message: "invalid value: message".
func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
