package alert

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// Config configures an Engine.
type Config struct {
	// Policies are the escalation policies by name.
	Policies []Policy
	// DefaultPolicy is used by matches that name none.
	DefaultPolicy string
	// ResolvedRetention keeps a resolved alert whose notices all went out
	// this long before it is dropped (default 1h); a new match after that
	// starts a new episode either way.
	ResolvedRetention time.Duration
}

// Engine computes alert transitions and due notifications. It holds only
// configuration and is safe for concurrent use.
type Engine struct {
	policies  map[string]Policy
	def       string
	retention time.Duration
	stages    []stage
}

// stepCtx is what the stages share during one Step.
type stepCtx struct {
	now    time.Time
	in     Input
	alerts map[string]Alert
	out    []Outgoing
}

// stage is one element of the pipeline, like Alertmanager's notify.Stage.
type stage func(e *Engine, c *stepCtx)

// NewEngine validates cfg: every policy has levels with increasing delays
// and at least one notifier each, and the default policy exists.
func NewEngine(cfg Config) (*Engine, error) {
	e := &Engine{policies: map[string]Policy{}, def: cfg.DefaultPolicy, retention: cfg.ResolvedRetention}
	if e.retention <= 0 {
		e.retention = time.Hour
	}
	var errs []error
	for _, p := range cfg.Policies {
		if err := validatePolicy(p); err != nil {
			errs = append(errs, err)
		}
		if _, dup := e.policies[p.Name]; dup {
			errs = append(errs, fmt.Errorf("escalation policy %q defined twice", p.Name))
		}
		e.policies[p.Name] = p
	}
	if _, ok := e.policies[e.def]; e.def != "" && !ok {
		errs = append(errs, fmt.Errorf("default escalation policy %q is not defined", e.def))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	e.stages = []stage{ingestStage, resolveStage, ackStage, escalateStage, resolvedNoticeStage, silenceStage, expireStage}
	return e, nil
}

func validatePolicy(p Policy) error {
	if p.Name == "" {
		return errors.New("escalation policy without a name")
	}
	if len(p.Levels) == 0 {
		return fmt.Errorf("escalation policy %q: no levels", p.Name)
	}
	for i, l := range p.Levels {
		switch {
		case len(l.Notifiers) == 0:
			return fmt.Errorf("escalation policy %q level %d: no notifiers", p.Name, i+1)
		case l.Delay < 0 || l.Repeat < 0:
			return fmt.Errorf("escalation policy %q level %d: negative delay or repeat", p.Name, i+1)
		case i > 0 && l.Delay < p.Levels[i-1].Delay:
			return fmt.Errorf("escalation policy %q level %d: delay %s is before the previous level's", p.Name, i+1, l.Delay)
		}
	}
	return nil
}

// Step returns the next snapshot and the notifications due at now. prev is
// not modified. Every returned Outgoing must be sent and its outcome passed
// to Record; an Outgoing that is never recorded is returned again by the
// next Step, so a crash between steps loses nothing (at worst, a crash after
// sending and before recording sends that one notification twice).
func (e *Engine) Step(now time.Time, prev Snapshot, in Input) (Snapshot, []Outgoing) {
	c := &stepCtx{now: now, in: in, alerts: make(map[string]Alert, len(prev.Alerts))}
	for k, a := range prev.Alerts {
		c.alerts[k] = a.clone()
	}
	for _, s := range e.stages {
		s(e, c)
	}
	slices.SortStableFunc(c.out, func(a, b Outgoing) int {
		if a.Notification.AlertKey != b.Notification.AlertKey {
			if a.Notification.AlertKey < b.Notification.AlertKey {
				return -1
			}
			return 1
		}
		return a.Notification.Level - b.Notification.Level
	})
	return Snapshot{Alerts: c.alerts}, c.out
}

// ingestStage creates and refreshes alerts from the firing matches; a match
// for a resolved alert starts a new episode.
func ingestStage(e *Engine, c *stepCtx) {
	for _, m := range c.in.Firing {
		k := m.Key.String()
		a, ok := c.alerts[k]
		if !ok || a.State == notify.StateResolved {
			a = Alert{Key: m.Key, State: notify.StateFiring, StartedAt: c.now, FirstSeen: c.now}
		}
		a.Policy = m.Policy
		if a.Policy == "" {
			a.Policy = e.def
		}
		a.Severity, a.Subject, a.Text, a.Matches = m.Severity, m.Subject, m.Text, m.Matches
		a.Labels = m.Labels
		a.ResolveNotifiers = m.ResolveNotifiers
		a.LastSeen = c.now
		c.alerts[k] = a.clone()
	}
}

// resolveStage resolves the alerts that are no longer firing.
func resolveStage(_ *Engine, c *stepCtx) {
	firing := make(map[string]bool, len(c.in.Firing))
	for _, m := range c.in.Firing {
		firing[m.Key.String()] = true
	}
	for k, a := range c.alerts {
		if a.State != notify.StateResolved && !firing[k] {
			a.State, a.ResolvedAt = notify.StateResolved, c.now
			c.alerts[k] = a
		}
	}
}

// ackStage acknowledges firing alerts whose episode an ack covers (an ack
// older than the episode belongs to an earlier one).
func ackStage(_ *Engine, c *stepCtx) {
	for _, ack := range c.in.Acks {
		k := ack.Key.String()
		a, ok := c.alerts[k]
		if !ok || a.State != notify.StateFiring || ack.At.Before(a.StartedAt) || ack.At.After(c.now) {
			continue
		}
		a.State, a.AckedBy, a.AckedAt = notify.StateAcknowledged, ack.By, ack.At
		c.alerts[k] = a
	}
}

// escalateStage emits each due level of firing alerts: level i is due once
// Delay has passed since the start, and with Repeat again every Repeat; only
// the latest repeat is sent (a restart does not replay missed repeats).
func escalateStage(e *Engine, c *stepCtx) {
	for _, a := range c.alerts {
		if a.State != notify.StateFiring {
			continue
		}
		p, ok := e.policies[a.Policy]
		if !ok {
			continue
		}
		elapsed := c.now.Sub(a.StartedAt)
		for lvl, l := range p.Levels {
			if elapsed < l.Delay {
				break
			}
			rep := 0
			if l.Repeat > 0 {
				rep = int((elapsed - l.Delay) / l.Repeat)
			}
			for _, name := range l.Notifiers {
				if !settled(a.Log, lvl, rep, name, notify.StateFiring) {
					c.out = append(c.out, outgoing(&a, c.now, lvl, rep, name, notify.StateFiring))
				}
			}
		}
	}
}

// resolvedNoticeStage emits one resolved notice to every notifier that
// received a firing notification of the episode, and to the alert's
// ResolveNotifiers (an alarm's ok_actions) even if they were not notified.
func resolvedNoticeStage(_ *Engine, c *stepCtx) {
	for _, a := range c.alerts {
		if a.State != notify.StateResolved {
			continue
		}
		names := notifiedNames(a.Log)
		for _, name := range a.ResolveNotifiers {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
		for _, name := range names {
			if !settled(a.Log, ResolvedLevel, 0, name, notify.StateResolved) {
				c.out = append(c.out, outgoing(&a, c.now, ResolvedLevel, 0, name, notify.StateResolved))
			}
		}
	}
}

// silenceStage removes the outgoing notifications of silenced alerts and
// logs each once as silenced (the alert itself stays visible).
func silenceStage(_ *Engine, c *stepCtx) {
	kept := c.out[:0]
	for _, o := range c.out {
		a := c.alerts[o.Notification.AlertKey]
		id := ""
		for _, s := range c.in.Silences {
			if s.Active(c.now) && s.Matches(&a) {
				id = s.ID
				break
			}
		}
		if id == "" {
			kept = append(kept, o)
			continue
		}
		lvl := o.Notification.Level
		if o.Notification.State == notify.StateResolved {
			lvl = ResolvedLevel
		}
		if !logged(a.Log, lvl, o.Repeat, o.Notifier, o.Notification.State, OutcomeSilenced) {
			a.Silenced++
			a.Log = append(a.Log, LogEntry{Level: lvl, Repeat: o.Repeat, Notifier: o.Notifier,
				State: o.Notification.State, At: c.now, Outcome: OutcomeSilenced, Error: "silence " + id})
			c.alerts[o.Notification.AlertKey] = a
		}
	}
	c.out = kept
}

// expireStage drops resolved alerts whose notices are all settled and
// whose retention has passed.
func expireStage(e *Engine, c *stepCtx) {
	pending := map[string]bool{}
	for _, o := range c.out {
		pending[o.Notification.AlertKey] = true
	}
	for k, a := range c.alerts {
		if a.State == notify.StateResolved && !pending[k] && c.now.Sub(a.ResolvedAt) >= e.retention {
			delete(c.alerts, k)
		}
	}
}

// settled reports whether a notification is delivered or refused.
func settled(log []LogEntry, lvl, rep int, name string, st notify.State) bool {
	for _, l := range log {
		if l.Level == lvl && l.Repeat == rep && l.Notifier == name && l.State == st && l.Outcome.done() {
			return true
		}
	}
	return false
}

// logged reports whether the log has an entry with exactly this outcome.
func logged(log []LogEntry, lvl, rep int, name string, st notify.State, o Outcome) bool {
	for _, l := range log {
		if l.Level == lvl && l.Repeat == rep && l.Notifier == name && l.State == st && l.Outcome == o {
			return true
		}
	}
	return false
}

// notifiedNames lists, in first-notified order, the notifiers that
// received a firing notification.
func notifiedNames(log []LogEntry) []string {
	var names []string
	for _, l := range log {
		if l.State == notify.StateFiring && l.Outcome == OutcomeDelivered && !slices.Contains(names, l.Notifier) {
			names = append(names, l.Notifier)
		}
	}
	return names
}

// outgoing builds the notification for one notifier.
func outgoing(a *Alert, now time.Time, lvl, rep int, name string, st notify.State) Outgoing {
	nlvl := lvl
	if lvl == ResolvedLevel {
		nlvl = 0
		for _, l := range a.Log {
			if l.State == notify.StateFiring && l.Outcome == OutcomeDelivered {
				nlvl = max(nlvl, l.Level)
			}
		}
	}
	return Outgoing{Notifier: name, Repeat: rep, Notification: notify.Notification{
		AlertKey: a.Key.String(), Rule: a.Key.Rule, State: st, Severity: a.Severity,
		Subject: a.Subject, Text: a.Text, Matches: a.Matches, Labels: a.Labels,
		Time: now, Level: nlvl, DedupKey: a.DedupKey(),
	}}
}
