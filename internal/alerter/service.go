package alerter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/prometheus/client_golang/prometheus"
)

// Service is the alerter process's main loop: it evaluates, ticks the
// alert runner, and reports its own health through Check, metrics and the
// dead-man's switch. Run it once.
type Service struct {
	cfg    Config
	names  []string // evaluator names, sorted, for stable order and logs
	evals  map[string]Evaluator
	runner *alert.Runner
	log    *slog.Logger
	m      *metrics
	beats  chan time.Time // heartbeats queued for the dead-man loop

	mu        sync.Mutex
	sets      map[string][]alert.Match // latest firing set per evaluator that ever succeeded
	errs      map[string]error         // current error per failing evaluator
	started   time.Time
	lastOK    time.Time // end of the last cycle in which every evaluator succeeded
	lastBeat  time.Time // when the last heartbeat was queued
	active    bool      // the latest tick held the lease
	tickFails int       // consecutive failed ticks
	tickErr   error     // the latest tick error
}

// New builds a Service over named evaluators (such as "rules" and
// "alarms"; the names appear in logs, metrics and Check) and the runner
// of this process. log nil discards; reg nil does not register metrics.
func New(cfg Config, evaluators map[string]Evaluator, runner *alert.Runner, log *slog.Logger, reg prometheus.Registerer) (*Service, error) {
	if runner == nil {
		return nil, errors.New("alerter: a runner is required")
	}
	for name, e := range evaluators {
		if e == nil {
			return nil, fmt.Errorf("alerter: evaluator %q is nil", name)
		}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	names := slices.Sorted(maps.Keys(evaluators))
	return &Service{
		cfg: cfg.withDefaults(), names: names, evals: maps.Clone(evaluators), runner: runner,
		log: log.With("component", "alerter"), m: newMetrics(reg, names),
		beats: make(chan time.Time, 1), sets: map[string][]alert.Match{}, errs: map[string]error{},
	}, nil
}

// Run evaluates every RunEvery and ticks the runner every TickEvery until
// ctx ends, then releases the lease so that a standby takes over at once.
// It returns only the release error: evaluation and tick errors are
// logged, counted and reported by Check, never fatal.
func (s *Service) Run(ctx context.Context) error {
	s.mu.Lock()
	s.started = s.cfg.Clock()
	s.mu.Unlock()
	var wg sync.WaitGroup
	wg.Go(func() { s.evalLoop(ctx) })
	if s.cfg.Deadman.Notifier != nil {
		wg.Go(func() { s.deadmanLoop(ctx) })
	}
	err := s.tickLoop(ctx)
	wg.Wait()
	return err
}

// every calls f at once and then every d until ctx ends.
func every(ctx context.Context, d time.Duration, f func(context.Context)) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		f(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
