package alerter

import (
	"context"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// Heartbeat identity: the outside watcher sees one alert key that keeps
// "firing" while the alerter is healthy.
const (
	DeadmanRule    = "logstack-deadman"
	DeadmanSubject = "logstack alerter heartbeat"
)

// queueHeartbeat queues a heartbeat for the cycle that ended at end if a
// dead-man notifier is configured, this process is the active one, and
// Deadman.Every has passed since the last. It never blocks: a heartbeat
// still being sent makes this one wait in the queue, replacing an older
// queued one.
func (s *Service) queueHeartbeat(end time.Time) {
	if s.cfg.Deadman.Notifier == nil {
		return
	}
	s.mu.Lock()
	due := s.active && (s.lastBeat.IsZero() || end.Sub(s.lastBeat) >= s.cfg.Deadman.Every)
	if due {
		s.lastBeat = end
	}
	s.mu.Unlock()
	if !due {
		return
	}
	select {
	case <-s.beats: // drop the older, unsent one
	default:
	}
	select {
	case s.beats <- end:
	default:
	}
}

// deadmanLoop sends queued heartbeats until ctx ends, each within one
// RunEvery so that a hung receiver never delays the next.
func (s *Service) deadmanLoop(ctx context.Context) {
	var prev error
	for {
		select {
		case <-ctx.Done():
			return
		case at := <-s.beats:
			err := s.sendHeartbeat(ctx, at)
			s.recordHeartbeat(prev, err)
			prev = err
		}
	}
}

func (s *Service) sendHeartbeat(ctx context.Context, at time.Time) error {
	hctx, cancel := context.WithTimeoutCause(ctx, s.cfg.RunEvery,
		fmt.Errorf("alerter: heartbeat not sent within run_every %s", s.cfg.RunEvery))
	defer cancel()
	s.mu.Lock()
	firing := len(s.union())
	s.mu.Unlock()
	return s.cfg.Deadman.Notifier.Notify(hctx, notify.Notification{
		AlertKey: DeadmanRule, Rule: DeadmanRule, State: notify.StateFiring, Severity: "info",
		Subject: DeadmanSubject, DedupKey: DeadmanRule, Time: at, Matches: firing,
		Text: fmt.Sprintf("evaluation cycle finished at %s; %d alert keys firing", at.UTC().Format(time.RFC3339), firing),
	})
}

// recordHeartbeat counts a heartbeat and logs failures when they change.
func (s *Service) recordHeartbeat(prev, err error) {
	if err == nil {
		s.m.deadman.WithLabelValues(deadmanSent).Inc()
		if prev != nil {
			s.log.Info("dead-man heartbeat recovered")
		}
		return
	}
	s.m.deadman.WithLabelValues(deadmanFailed).Inc()
	if prev == nil || prev.Error() != err.Error() {
		s.log.Warn("dead-man heartbeat failed", "error", err)
	}
}
