package logfile

import (
	"errors"
	"fmt"
	"runtime"
)

// Defaults bound memory: Workers parsed batches exist at a time, plus
// about Workers+1 raw chunks of lines per concurrent Process call.
const (
	DefaultBatchEvents  = 1000
	DefaultBatchBytes   = 1 << 20
	DefaultMaxLineBytes = 1 << 20
)

// Config says how to parse and batch. The zero value parses load balancer
// logs of any format (elb.Auto) with the default bounds.
type Config struct {
	// Format is an elb format name ("auto", "clb", "alb", "nlb",
	// "alb-conn"); "" means auto, which detects the layout per line.
	// Ignored when NewParser is set.
	Format string
	// OmitOriginal leaves the raw line out of parsed events (event.original).
	OmitOriginal bool
	// NewParser makes the line parser for one Process call; nil means the
	// load balancer parser for Format.
	NewParser func() (Parser, error)
	// Keys reads object keys; nil means load balancer log keys.
	Keys Keys
	// BatchEvents and BatchBytes bound one Deliver call (bytes counted as
	// raw line bytes); MaxLineBytes bounds one line, longer lines are
	// reported and delivered truncated as parse failures.
	BatchEvents  int
	BatchBytes   int
	MaxLineBytes int
	// Workers bounds how many batches are parsed or delivered at once,
	// across all concurrent Process calls of a Processor; default
	// GOMAXPROCS.
	Workers int
}

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.BatchEvents <= 0 {
		c.BatchEvents = DefaultBatchEvents
	}
	if c.BatchBytes <= 0 {
		c.BatchBytes = DefaultBatchBytes
	}
	if c.MaxLineBytes <= 0 {
		c.MaxLineBytes = DefaultMaxLineBytes
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.NewParser == nil {
		format, omit := c.Format, c.OmitOriginal
		c.NewParser = func() (Parser, error) { return newELBParser(format, omit) }
	}
	if c.Keys == nil {
		c.Keys = elbKeys{}
	}
	return c
}

// Validate reports every problem of c, so that a bad format fails at
// start-up rather than on the first object.
func (c Config) Validate() error {
	var errs []error
	if c.NewParser == nil {
		if err := validateFormat(c.Format); err != nil {
			errs = append(errs, err)
		}
	}
	if c.BatchEvents < 0 || c.BatchBytes < 0 || c.MaxLineBytes < 0 || c.Workers < 0 {
		errs = append(errs, fmt.Errorf("logfile: negative batch or line bound"))
	}
	return errors.Join(errs...)
}
