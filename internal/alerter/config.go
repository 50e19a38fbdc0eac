package alerter

import (
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// Defaults of Config's zero fields.
const (
	// DefaultRunEvery is alerting.run_every's default.
	DefaultRunEvery = time.Minute
	// DefaultTickEvery is alerting.lease.renew_every's default.
	DefaultTickEvery = 10 * time.Second
	// stallCycles is StallAfter's default in RunEvery periods.
	stallCycles = 3
	// tickFailuresUnready consecutive failed ticks make Check fail: one
	// failure is a blip, three in a row mean nothing can be sent.
	tickFailuresUnready = 3
)

// Config configures a Service. The lead maps alerting.* of the logstack
// configuration to it; the zero value of every field has a default.
type Config struct {
	// RunEvery is the evaluation interval of the evaluators
	// (alerting.run_every, default 1m).
	RunEvery time.Duration
	// TickEvery is the interval of Runner.Tick: lease renewal, escalation
	// and sending (alerting.lease.renew_every, default 10s; keep it well
	// below the lease TTL).
	TickEvery time.Duration
	// StallAfter: Check fails when no evaluation cycle succeeded within it
	// (alerting.stall_after, default 3 x RunEvery), and this process stops
	// sending and gives the lease up (after at least 2 x RunEvery).
	StallAfter time.Duration
	// Deadman is the optional heartbeat to an outside watcher.
	Deadman Deadman
	// Clock returns the current time (default time.Now); tests inject a
	// fake one. Intervals between loop iterations stay on real time.
	Clock func() time.Time
}

// Deadman configures the dead-man's switch: the active alerter sends a
// heartbeat after each healthy evaluation cycle, and an outside service
// (healthchecks.io, Dead Man's Snitch, a Prometheus-less cron monitor)
// pages when heartbeats stop, which catches what no alert from inside can:
// the alerter itself being down, stalled or cut off.
type Deadman struct {
	// Notifier receives the heartbeats (usually a webhook notifier aimed
	// at a ping URL, wrapped in notify.Retrier); nil disables them.
	Notifier notify.Notifier
	// Every, when positive, sends at most one heartbeat per Every instead
	// of one per healthy cycle.
	Every time.Duration
}

// withDefaults fills the zero fields of c.
func (c Config) withDefaults() Config {
	if c.RunEvery <= 0 {
		c.RunEvery = DefaultRunEvery
	}
	if c.TickEvery <= 0 {
		c.TickEvery = DefaultTickEvery
	}
	if c.StallAfter <= 0 {
		c.StallAfter = stallCycles * c.RunEvery
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	return c
}
