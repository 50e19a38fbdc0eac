package alerter

import (
	"context"
	"time"

	"github.com/logstack/logstack/internal/alert"
)

// evalLoop runs a cycle every RunEvery. A cycle longer than RunEvery
// delays the next one rather than overlapping it.
func (s *Service) evalLoop(ctx context.Context) {
	every(ctx, s.cfg.RunEvery, s.cycle)
}

// cycle runs every evaluator once, keeps their firing sets and accounts
// for the cycle; after a healthy cycle it queues a heartbeat.
func (s *Service) cycle(ctx context.Context) {
	start := s.cfg.Clock()
	ok := true
	for _, name := range s.names {
		matches, err := s.evals[name].Evaluate(ctx, start)
		if ctx.Err() != nil {
			return // shutting down: neither a result nor a failure
		}
		s.record(name, matches, err)
		ok = ok && err == nil
	}
	end := s.cfg.Clock()
	s.m.cycleTime.Observe(end.Sub(start).Seconds())
	if !ok {
		s.m.cycles.WithLabelValues(outcomeError).Inc()
		return
	}
	s.m.cycles.WithLabelValues(outcomeSuccess).Inc()
	s.m.lastCycle.Set(float64(end.UnixNano()) / 1e9)
	s.mu.Lock()
	s.lastOK = end
	s.mu.Unlock()
	s.queueHeartbeat(end)
}

// record stores an evaluator's result: on success its new firing set, on
// failure nothing (the previous set stays, so no alert resolves because
// the store was briefly unreachable). Errors are counted each time and
// logged only when they change, and recovery is logged once.
func (s *Service) record(name string, matches []alert.Match, err error) {
	s.mu.Lock()
	prev := s.errs[name]
	if err != nil {
		s.errs[name] = err
	} else {
		delete(s.errs, name)
		s.sets[name] = matches
	}
	firing := len(s.union())
	s.mu.Unlock()
	s.m.firing.Set(float64(firing))
	switch {
	case err != nil:
		s.m.evalErrors.WithLabelValues(name).Inc()
		if prev == nil || prev.Error() != err.Error() {
			s.log.Warn("evaluator failed; keeping its previous firing set", "evaluator", name, "error", err)
		}
	case prev != nil:
		s.log.Info("evaluator recovered", "evaluator", name)
	}
}

// union is every evaluator's firing set, each key once (the first
// evaluator by name wins). The caller holds s.mu.
func (s *Service) union() []alert.Match {
	var out []alert.Match
	seen := map[string]bool{}
	for _, name := range s.names {
		for _, m := range s.sets[name] {
			if k := m.Key.String(); !seen[k] {
				seen[k] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// healthy reports whether a cycle succeeded within StallAfter of now, the
// readiness condition. The caller holds s.mu.
func (s *Service) healthy(now time.Time) bool {
	return !s.lastOK.IsZero() && now.Sub(s.lastOK) < s.cfg.StallAfter
}

// mayTick reports whether the process may tick: a cycle succeeded, within
// StallAfter but at least two RunEvery, so that a stall_after as short as
// run_every (which config allows) cannot make the lease change hands
// between every two cycles. The caller holds s.mu.
func (s *Service) mayTick(now time.Time) bool {
	return !s.lastOK.IsZero() && now.Sub(s.lastOK) < max(s.cfg.StallAfter, 2*s.cfg.RunEvery)
}
