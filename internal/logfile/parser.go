package logfile

import (
	"errors"

	"github.com/logstack/logstack/internal/event"
)

// ErrSkipLine is what a Parser returns (wrapped) for a line that is not a
// record, such as a header or comment: it is counted as a line, not as a
// failure, and produces no event.
var ErrSkipLine = errors.New("not a log record")

// Parser turns one line (without its line ending) into one event. It is
// used by one goroutine at a time and must not keep line after returning.
type Parser interface {
	Parse(line []byte) (event.Event, error)
}

// Keys reads what an object's key says: whether it is a log file at all and
// which fields (account, region, load balancer, file time) its events get.
type Keys interface {
	// SkipReason returns "" for a log object, else why it is skipped.
	SkipReason(key string) string
	// Fields returns a function adding the key's fields to an event, or
	// nil when the key carries none.
	Fields(key string) func(event.Event)
}
