package alerter

import (
	"context"
	"fmt"
	"time"
)

// releaseTimeout bounds the lease release on shutdown, when ctx has ended.
const releaseTimeout = 5 * time.Second

// tickLoop ticks every TickEvery until ctx ends, then releases the lease.
func (s *Service) tickLoop(ctx context.Context) error {
	every(ctx, s.cfg.TickEvery, s.tick)
	rctx, cancel := context.WithTimeoutCause(context.WithoutCancel(ctx), releaseTimeout,
		fmt.Errorf("alerter: lease release took over %s", releaseTimeout))
	defer cancel()
	s.setActive(false)
	if err := s.runner.Release(rctx); err != nil {
		return fmt.Errorf("alerter: shutdown: %w", err)
	}
	return nil
}

// tick runs one Runner.Tick with the current firing set. Until a cycle
// succeeded, and while evaluation is stalled, it does not tick and gives
// the lease up: a process that cannot evaluate must neither resolve
// alerts with an empty or stale set nor keep a healthy standby from
// taking over.
func (s *Service) tick(ctx context.Context) {
	now := s.cfg.Clock()
	s.mu.Lock()
	ok, firing, wasActive := s.mayTick(now), s.union(), s.active
	s.mu.Unlock()
	if !ok {
		s.m.ticks.WithLabelValues(tickStalled).Inc()
		s.standDown(ctx, wasActive)
		return
	}
	active, err := s.runner.Tick(ctx, now, firing)
	if ctx.Err() != nil {
		return // shutting down
	}
	s.setActive(active)
	s.recordTick(active, err)
}

// standDown releases the lease of a stalled process once.
func (s *Service) standDown(ctx context.Context, wasActive bool) {
	if !wasActive {
		return
	}
	s.setActive(false)
	s.log.Warn("evaluation stalled; releasing the alerter lease", "stall_after", s.cfg.StallAfter)
	if err := s.runner.Release(ctx); err != nil {
		s.log.Warn("alerter lease release failed; it expires after its ttl", "error", err)
	}
}

func (s *Service) setActive(active bool) {
	s.mu.Lock()
	s.active = active
	s.mu.Unlock()
}

// recordTick counts a tick and keeps the run of failures for Check,
// logging a failure when it differs from the previous tick's.
func (s *Service) recordTick(active bool, err error) {
	s.mu.Lock()
	prev := s.tickErr
	s.tickErr = err
	if err != nil {
		s.tickFails++
	} else {
		s.tickFails = 0
	}
	s.mu.Unlock()
	switch {
	case err != nil:
		s.m.ticks.WithLabelValues(tickError).Inc()
		if prev == nil || prev.Error() != err.Error() {
			s.log.Warn("alert runner tick failed", "error", err)
		}
	case active:
		s.m.ticks.WithLabelValues(tickActive).Inc()
	default:
		s.m.ticks.WithLabelValues(tickStandby).Inc()
	}
	if err == nil && prev != nil {
		s.log.Info("alert runner tick recovered")
	}
}

// Active reports whether this process held the lease at its latest tick;
// evaluators that persist shared state (the alarm states) write only then,
// so a standby never overwrites the active process's view.
func (s *Service) Active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active
}
