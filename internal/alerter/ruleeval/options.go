package ruleeval

import (
	"errors"
	"runtime"
	"time"
)

// Options are the alerting settings the evaluator reads (alerting.* in the
// config); zero values take the documented defaults.
type Options struct {
	// RunEvery is the evaluation interval (default 1m); it bounds the
	// default resolve_after from below.
	RunEvery time.Duration
	// BufferTime is the query overlap for rules without buffer_time
	// (default 45m, ElastAlert2's).
	BufferTime time.Duration
	// MaxQuerySize is the page size of one store query (default 10,000,
	// ElastAlert2's max_query_size).
	MaxQuerySize int
	// MaxRunEvents caps the hits one rule run fetches across pages
	// (default 100 x MaxQuerySize), so one broad rule cannot take the
	// alerter's memory; runs that reach it are counted as truncated.
	MaxRunEvents int
	// Concurrency is the number of rules evaluated in parallel (default
	// GOMAXPROCS).
	Concurrency int
	// MatchInMemory lets rules that read the same windows share one
	// unfiltered read per cycle and match their filters with
	// rule.Matches (shared.go). rule.Matches follows the embedded DuckDB
	// store's semantics, so set it for that store; with Elasticsearch,
	// whose analyzers may match text differently, leave it off.
	MatchInMemory bool
	// ResolvePolicy maps a rule's alert list to an escalation policy name
	// (see the service's policy resolution); nil maps every list to ""
	// (the default policy).
	ResolvePolicy func(names []string) (string, error)
}

// Defaults of Options.
const (
	DefaultRunEvery     = time.Minute
	DefaultBufferTime   = 45 * time.Minute
	DefaultMaxQuerySize = 10000
)

// withDefaults fills the zero fields and rejects negative ones.
func (o Options) withDefaults() (Options, error) {
	if o.RunEvery < 0 || o.BufferTime < 0 || o.MaxQuerySize < 0 || o.MaxRunEvents < 0 || o.Concurrency < 0 {
		return o, errors.New("rule evaluator options must not be negative")
	}
	if o.RunEvery == 0 {
		o.RunEvery = DefaultRunEvery
	}
	if o.BufferTime == 0 {
		o.BufferTime = DefaultBufferTime
	}
	if o.MaxQuerySize == 0 {
		o.MaxQuerySize = DefaultMaxQuerySize
	}
	if o.MaxRunEvents == 0 {
		o.MaxRunEvents = 100 * o.MaxQuerySize
	}
	if o.Concurrency == 0 {
		o.Concurrency = runtime.GOMAXPROCS(0)
	}
	if o.ResolvePolicy == nil {
		o.ResolvePolicy = func([]string) (string, error) { return "", nil }
	}
	return o, nil
}
