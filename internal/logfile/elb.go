package logfile

import (
	"fmt"

	"github.com/logstack/logstack/internal/event"
)

// newELBParser returns the load balancer log parser for format.
//
// Placeholder until package elb lands on this branch: it parses nothing.
func newELBParser(format string, omitOriginal bool) (Parser, error) {
	if err := validateFormat(format); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("logfile: load balancer parser not built in yet")
}

func validateFormat(format string) error { return nil }

// elbKeys reads load balancer log object keys.
type elbKeys struct{}

func (elbKeys) SkipReason(string) string        { return "" }
func (elbKeys) Fields(string) func(event.Event) { return nil }
