package alarm

import (
	"errors"
	"fmt"

	"github.com/logstack/logstack/internal/yamlsrc"
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

// Problem is one thing wrong with an alarm file or series file, located
// ("file:line:col: path: message") so that a person can fix every problem
// in one pass; Err wraps one of the Err* sentinels above.
type Problem = yamlsrc.Problem

// errorf wraps a sentinel with a message: "invalid value: message".
func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
