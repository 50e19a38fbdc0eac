package ruleeval

import (
	"context"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/rule"
)

// historian is rule.Historian (rule types that need history before their
// first run, such as new_term), declared here so the evaluator builds
// before that interface lands in the rule package; the method set is the
// contract, so the rule package's types satisfy it either way.
type historian interface {
	History() time.Duration
	Seed(events []rule.Event)
}

// seed feeds a historian rule type the events of [start - History(),
// start) once, before its first run.
func (rs *ruleState) seed(ctx context.Context, start time.Time) error {
	h, ok := rs.engine.Type().(historian)
	if !ok || h.History() <= 0 {
		return nil
	}
	rd := rs.newReader()
	// The seed range is [start-History, start): exclusive bounds are
	// what readRange takes, so shift both ends by a nanosecond.
	if err := rd.readRange(ctx, start.Add(-h.History()-time.Nanosecond), start.Add(-time.Nanosecond)); err != nil {
		return fmt.Errorf("seed history: %w", err)
	}
	h.Seed(rd.events)
	return nil
}
