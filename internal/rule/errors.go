package rule

import (
	"errors"

	"github.com/logstack/logstack/internal/yamlsrc"
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
// CI annotation can point at it ("file:line:col: key: message"); Path is
// the dotted key, e.g. "filter[0].term", and Err wraps a sentinel above.
type Problem = yamlsrc.Problem

// Problems flattens an error returned by Load into its problems, in file
// order.
func Problems(err error) []*Problem { return yamlsrc.Problems(err) }

// errorf builds a message classified by kind.
func errorf(kind error, format string, args ...any) error {
	return yamlsrc.Errorf(kind, format, args...)
}
