package logfile

import (
	"errors"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/elb"
	"github.com/logstack/logstack/internal/event"
)

// newELBParser returns the load balancer log parser for format.
func newELBParser(format string, omitOriginal bool) (Parser, error) {
	f, err := elb.ParseFormat(format)
	if err != nil {
		return nil, fmt.Errorf("logfile: %w", err)
	}
	return elbParser{elb.NewParser(elb.Options{Format: f, OmitOriginal: omitOriginal})}, nil
}

func validateFormat(format string) error {
	if _, err := elb.ParseFormat(format); err != nil {
		return fmt.Errorf("logfile: %w", err)
	}
	return nil
}

// elbParser maps elb's control-line error to ErrSkipLine.
type elbParser struct{ p *elb.Parser }

// Parse implements Parser.
func (e elbParser) Parse(line []byte) (event.Event, error) {
	ev, err := e.p.Parse(line)
	if errors.Is(err, elb.ErrSkip) {
		return nil, fmt.Errorf("%w: %w", ErrSkipLine, err)
	}
	return ev, err
}

// elbKeys reads load balancer log object keys (AWSLogs/<account>/
// elasticloadbalancing/<region>/...).
type elbKeys struct{}

// SkipReason implements Keys with elb.SkipReason.
func (elbKeys) SkipReason(key string) string { return elb.SkipReason(key) }

// Fields implements Keys with the fields of elb.ParseObjectKey.
func (elbKeys) Fields(key string) func(event.Event) {
	k, ok := elb.ParseObjectKey(key)
	if !ok {
		return nil
	}
	return k.Fields
}

// FileTime returns the end of the interval a load balancer log object
// covers, from its key, for backfills that select objects by time.
func FileTime(key string) (time.Time, bool) {
	k, ok := elb.ParseObjectKey(key)
	return k.FileTime, ok
}
