package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/alerter"
	"github.com/logstack/logstack/internal/alerter/alarmeval"
	"github.com/logstack/logstack/internal/alerter/ruleeval"
	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/registry"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/store"
	"github.com/prometheus/client_golang/prometheus"
)

// startAlerter loads the rule and alarm files, builds the notifiers and
// escalation policies, opens the alert state and lease in the queue's
// JetStream and starts the alerter service in the background. Every
// alerter process evaluates (a hot standby); the lease decides which one
// sends (docs/ALERTING.md).
func (a *App) startAlerter(ctx context.Context) error {
	c := a.cfg.Alerting
	al, err := loadAlerting(a.cfg, a.log, a.reg)
	if err != nil {
		return err
	}
	rules, alarms, notifiers, set := al.rules, al.alarms, al.notifiers, al.set
	resolve := set.Resolve
	engCfg := set.Config()
	engCfg.ResolvedRetention = c.ResolvedRetention.Std()
	eng, err := alert.NewEngine(engCfg)
	if err != nil {
		return fmt.Errorf("alerting: %w", err)
	}
	js := a.q.JetStream()
	state, err := alert.OpenKVStore(ctx, js, c.Lease.BucketPrefix)
	if err != nil {
		return fmt.Errorf("alerting: state: %w", err)
	}
	lease, err := alert.OpenLease(ctx, js, c.Lease.BucketPrefix, holderName(), c.Lease.TTL.Std())
	if err != nil {
		return fmt.Errorf("alerting: lease: %w", err)
	}
	runner := alert.NewRunner(eng, state, lease, notifiers, a.log, a.reg)
	svc, err := a.alerterService(ctx, rules, alarms, resolve, set, notifiers, runner)
	if err != nil {
		return err
	}
	a.alertState = state
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := svc.Run(runCtx); err != nil {
			a.log.Warn("alerter: releasing the lease failed; a standby takes over when it expires", "error", err)
		}
	}()
	a.onStop(func() error { cancel(); <-done; return nil })
	a.health.Add("alerter", svc.Check)
	a.log.Info("alerter started", "rules", len(rules), "alarms", len(alarms), "notifiers", len(notifiers))
	return nil
}

// alerterService builds the rule and alarm evaluators and the service
// that runs them.
func (a *App) alerterService(ctx context.Context, rules []*rule.Rule, alarms []*alarm.Alarm, resolve func([]string) (string, error),
	set *alerter.PolicySet, notifiers map[string]notify.Notifier, runner *alert.Runner) (*alerter.Service, error) {
	c := a.cfg.Alerting
	var svc *alerter.Service
	evals := map[string]alerter.Evaluator{}
	if len(rules) > 0 {
		re, err := ruleeval.New(a.st, rules, ruleeval.Options{
			RunEvery: c.RunEvery.Std(), BufferTime: c.BufferTime.Std(), MaxQuerySize: c.MaxQuerySize,
			Concurrency: c.Concurrency, ResolvePolicy: resolve,
		}, a.log, a.reg)
		if err != nil {
			return nil, fmt.Errorf("alerting: rules: %w", err)
		}
		evals["rules"] = re
	}
	if len(alarms) > 0 {
		ms, ok := a.st.(store.MetricStore)
		if !ok {
			return nil, errors.New("alerting: the store cannot compute alarm datapoints")
		}
		ae, err := alarmeval.New(ctx, alarmeval.Config{
			Alarms: alarms, Store: ms, Gatherer: a.reg, JetStream: a.q.JetStream(), BucketPrefix: c.Lease.BucketPrefix,
			Delay: c.AlarmDelay.Std(), ResolvePolicy: resolve, Notifiers: set.Notifiers, Log: a.log, Registerer: a.reg,
		})
		if err != nil {
			return nil, fmt.Errorf("alerting: alarms: %w", err)
		}
		evals["alarms"] = alerter.EvaluatorFunc(func(ctx context.Context, now time.Time) ([]alert.Match, error) {
			return ae.Evaluate(ctx, now, svc.Active())
		})
	}
	dm, err := deadman(c, notifiers)
	if err != nil {
		return nil, err
	}
	svc, err = alerter.New(alerter.Config{
		RunEvery: c.RunEvery.Std(), TickEvery: c.Lease.RenewEvery.Std(), StallAfter: c.EffectiveStallAfter(),
		Deadman: alerter.Deadman{Notifier: dm, Every: c.Deadman.Every.Std()},
	}, evals, runner, a.log, a.reg)
	return svc, err
}

// alerting is what an alerter runs, loaded from the configuration and
// checked against each other: rule and alarm files, notifiers, policies.
type alerting struct {
	rules     []*rule.Rule
	alarms    []*alarm.Alarm
	notifiers map[string]notify.Notifier
	set       *alerter.PolicySet
}

// loadAlerting loads the rule and alarm files of cfg, builds the notifiers
// (no network) and resolves every action list, so that a name that is
// neither a notifier nor a policy fails the start, not the first alert.
func loadAlerting(cfg *config.Config, log *slog.Logger, reg prometheus.Registerer) (*alerting, error) {
	c := cfg.Alerting
	var al alerting
	var err error
	if c.RulesDir != "" {
		if al.rules, err = alerter.LoadRules(cfg.AbsPath(c.RulesDir)); err != nil {
			return nil, err
		}
	}
	names := map[string]bool{}
	for _, r := range al.rules {
		names[r.Name] = true
	}
	if c.AlarmsDir != "" {
		if al.alarms, err = alerter.LoadAlarms(cfg.AbsPath(c.AlarmsDir), names); err != nil {
			return nil, err
		}
	}
	if al.notifiers, err = registry.Build(c.Notifiers, log, reg); err != nil {
		return nil, err
	}
	if al.set, _, err = alerter.Policies(slices.Sorted(maps.Keys(al.notifiers)), configPolicies(c), c.DefaultEscalationPolicy); err != nil {
		return nil, fmt.Errorf("alerting: %w", err)
	}
	// Resolve every action list now: the engine knows only the policies
	// resolved before it is built.
	if err := resolveActions(al.rules, al.alarms, al.set, c.DefaultEscalationPolicy != ""); err != nil {
		return nil, err
	}
	return &al, nil
}

// ValidateAlerting checks the alerting section together with the rule and
// alarm files it names, as the alerter would at start-up, without opening
// anything; `logstack config validate` runs it.
func ValidateAlerting(cfg *config.Config) error {
	_, err := loadAlerting(cfg, slog.New(slog.DiscardHandler), nil)
	return err
}

// resolveActions resolves the action lists of every rule and alarm,
// naming the file of every one that names an unknown notifier or policy,
// and of every rule that names none while no default policy is set.
func resolveActions(rules []*rule.Rule, alarms []*alarm.Alarm, set *alerter.PolicySet, hasDefault bool) error {
	var errs []error
	for _, r := range rules {
		if len(r.Alert) == 0 && !hasDefault {
			errs = append(errs, fmt.Errorf("%s: alert: missing: name notifiers or an escalation policy, or set alerting.default_escalation_policy", r.File))
			continue
		}
		if _, err := set.Resolve(r.Alert); err != nil {
			errs = append(errs, fmt.Errorf("%s: alert: %w", r.File, err))
		}
	}
	for _, al := range alarms {
		if _, err := set.Resolve(al.AlarmActions); err != nil {
			errs = append(errs, fmt.Errorf("%s: alarm_actions: %w", al.File, err))
		}
		if _, err := set.Resolve(al.InsufficientDataActions); err != nil {
			errs = append(errs, fmt.Errorf("%s: insufficient_data_actions: %w", al.File, err))
		}
		if _, err := set.Notifiers(al.OKActions); err != nil {
			errs = append(errs, fmt.Errorf("%s: ok_actions: %w", al.File, err))
		}
	}
	return errors.Join(errs...)
}

// deadman picks the heartbeat target of alerting.deadman: a configured
// notifier or a URL to ping; nil when none is configured.
func deadman(c config.Alerting, notifiers map[string]notify.Notifier) (notify.Notifier, error) {
	switch {
	case !c.Deadman.Enabled():
		return nil, nil
	case c.Deadman.Notifier != "":
		return notifiers[c.Deadman.Notifier], nil
	}
	p, err := alerter.NewPing(c.Deadman.URL.Value(), nil)
	if err != nil {
		return nil, fmt.Errorf("alerting.deadman.url: %w", err)
	}
	return p, nil
}

// configPolicies converts alerting.escalation_policies, sorted by name.
func configPolicies(c config.Alerting) []alert.Policy {
	var out []alert.Policy
	for _, name := range slices.Sorted(maps.Keys(c.EscalationPolicies)) {
		p := alert.Policy{Name: name}
		for _, l := range c.EscalationPolicies[name].Levels {
			p.Levels = append(p.Levels, alert.Level{Delay: l.Delay.Std(), Notifiers: l.Notifiers, Repeat: l.Repeat.Std()})
		}
		out = append(out, p)
	}
	return out
}

// holderName identifies this process in the lease: host, pid and a random
// suffix, so a restarted process never mistakes the old holder for itself.
func holderName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}
