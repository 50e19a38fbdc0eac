package config

import (
	"errors"

	"github.com/logstack/logstack/internal/yamlsrc"
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
// that caused it ("file:line:col: path: message"); its Err wraps one of the
// Err* sentinels above. It is the format every YAML loader shares.
type Problem = yamlsrc.Problem

// Problems flattens an error returned by Load or Validate into its
// problems, in the order they were found.
func Problems(err error) []*Problem { return yamlsrc.Problems(err) }

// errorf returns an error with the formatted message, classified as kind.
func errorf(kind error, format string, args ...any) error {
	return yamlsrc.Errorf(kind, format, args...)
}
