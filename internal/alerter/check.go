package alerter

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Check is the alerter's readiness check (/readyz): it fails when no
// evaluation cycle succeeded within StallAfter (naming how long ago the
// last one did, and the evaluators' current errors), or when the last
// ticks of the runner all failed. It reads in-memory state only.
func (s *Service) Check(_ context.Context) error {
	now := s.cfg.Clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	switch {
	case s.started.IsZero():
		return errors.New("alerter: not running")
	case s.lastOK.IsZero() && now.Sub(s.started) >= s.cfg.StallAfter:
		errs = append(errs, fmt.Errorf("alerter: no evaluation cycle succeeded since the start %s ago (stall_after %s)",
			round(now.Sub(s.started)), s.cfg.StallAfter))
	case !s.lastOK.IsZero() && !s.healthy(now):
		errs = append(errs, fmt.Errorf("alerter: last successful evaluation cycle %s ago (stall_after %s)",
			round(now.Sub(s.lastOK)), s.cfg.StallAfter))
	}
	if len(errs) > 0 {
		for _, name := range s.names {
			if err := s.errs[name]; err != nil {
				errs = append(errs, fmt.Errorf("evaluator %s: %w", name, err))
			}
		}
	}
	if s.tickFails >= tickFailuresUnready {
		errs = append(errs, fmt.Errorf("alerter: the last %d runner ticks failed: %w", s.tickFails, s.tickErr))
	}
	return errors.Join(errs...)
}

// round makes durations in messages readable (1m30s, not 1m30.000123s).
func round(d time.Duration) time.Duration { return d.Round(time.Second) }
