package ruleeval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/store"
)

// Evaluator runs a fixed set of rules live. Evaluate calls are serialized;
// the alerter calls it once per run_every.
type Evaluator struct {
	mu      sync.Mutex
	store   Store
	rules   []*ruleState
	opts    Options
	logger  *slog.Logger
	metrics *metrics
	// shared counts the shared reads' queries and hits (rule="(shared)").
	shared *ruleMetrics
	// minShared is the smallest group that shares a read (minSharedGroup;
	// tests lower it).
	minShared int
	// baseline holds the unfiltered overlap counts recorded last cycle.
	baseline map[windowKey][]store.Bucket
}

// New builds the evaluator of rules over s. It fails at start-up, not at
// the first run, on a rule whose type cannot run or whose alert list does
// not resolve to a policy, and on duplicate rule names (alert keys would
// collide).
func New(s Store, rules []*rule.Rule, opts Options, logger *slog.Logger, reg prometheus.Registerer) (*Evaluator, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	logger = logger.With("component", "alerter.ruleeval")
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	e := &Evaluator{store: s, opts: opts, logger: logger, metrics: m, shared: m.forRule("(shared)"), minShared: minSharedGroup}
	var errs []error
	names := map[string]bool{}
	for _, r := range rules {
		if names[r.Name] {
			errs = append(errs, fmt.Errorf("rule %q: name used by two rules", r.Name))
			continue
		}
		names[r.Name] = true
		rs, err := newRuleState(s, r, &opts, m, logger)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		e.rules = append(e.rules, rs)
	}
	if err := errors.Join(errs...); err != nil {
		m.set.Unregister()
		return nil, err
	}
	slices.SortFunc(e.rules, func(a, b *ruleState) int { return strings.Compare(a.rule.Name, b.rule.Name) })
	return e, nil
}

// Evaluate runs every rule once at now, up to Concurrency at a time, and
// returns the alert keys firing after the run, ordered by rule and
// query_key. A rule that fails keeps its keys firing as before (its
// window is read again next time); the failures are joined in the error,
// which comes with the complete firing set.
func (e *Evaluator) Evaluate(ctx context.Context, now time.Time) ([]alert.Match, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var shared map[*ruleState]*sharedRead
	if e.opts.MatchInMemory {
		next := e.baselines(ctx, now) // recorded before the checks, see shared.go
		shared = e.sharedReads(ctx, now, e.baseline)
		e.baseline = next
	}
	errs := make([]error, len(e.rules))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(e.opts.Concurrency, len(e.rules)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(e.rules); i = int(next.Add(1) - 1) {
				if err := ctx.Err(); err != nil {
					errs[i] = fmt.Errorf("rule %q: %w", e.rules[i].rule.Name, err)
					continue
				}
				errs[i] = e.rules[i].run(ctx, now, shared[e.rules[i]])
			}
		})
	}
	wg.Wait()
	var firing []alert.Match
	for _, rs := range e.rules {
		firing = rs.firing(firing)
	}
	return firing, errors.Join(errs...)
}

// Close removes the evaluator's metrics from the registry, so that a
// reloaded rule set can register them again. It is safe to call twice.
func (e *Evaluator) Close() { e.metrics.set.Unregister() }
