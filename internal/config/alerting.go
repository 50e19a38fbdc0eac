package config

import "time"

// Alerting configures the alerter (issue 5): where alarm and rule files
// live, how often they are evaluated, who is notified and how alert state
// is shared between alerter processes. File locations are per environment
// (the overlay can point staging and production at different directories),
// so `logstack alarms diff --env A --env B` can compare them (docs/LINT.md).
type Alerting struct {
	// AlarmsDir holds alarm files (docs/ALERTING.md); relative to the
	// config file (use Config.AbsPath).
	AlarmsDir string `yaml:"alarms_dir"`
	// RulesDir holds ElastAlert2 rule files (docs/ALERTING-RULES.md).
	RulesDir string `yaml:"rules_dir"`
	// ParityExceptions excuse alarms that differ between environments on
	// purpose; the reason is kept for reviewers.
	ParityExceptions []ParityException `yaml:"parity_exceptions"`

	// RunEvery is the evaluation interval of rules and alarms: the
	// alerter's tick.
	RunEvery Duration `yaml:"run_every"`
	// BufferTime is how far back a rule without its own buffer_time looks
	// again on every run, so late events are still seen (ElastAlert's
	// default of 45m).
	BufferTime Duration `yaml:"buffer_time"`
	// MaxQuerySize bounds the events one rule run fetches (ElastAlert's
	// default of 10000), so one noisy rule cannot exhaust memory.
	MaxQuerySize int `yaml:"max_query_size"`
	// Concurrency is how many rules are evaluated in parallel; 0 means
	// GOMAXPROCS.
	Concurrency int `yaml:"concurrency"`
	// StallAfter makes /readyz fail when no evaluation cycle finished
	// within it, so a wedged alerter is replaced; 0 means 3 x RunEvery
	// (see EffectiveStallAfter).
	StallAfter Duration `yaml:"stall_after"`
	// AlarmDelay is how long after a period ends an alarm evaluates it, so
	// late events are counted (like CloudWatch's evaluation delay).
	AlarmDelay Duration `yaml:"alarm_delay"`
	// Notifiers are the destinations by name (docs/NOTIFIERS.md). A name
	// is also usable wherever a policy name is expected: the alerter then
	// synthesizes the one-level policy "notifier:NAME".
	Notifiers map[string]Notifier `yaml:"notifiers"`
	// EscalationPolicies say who is told when, by policy name.
	EscalationPolicies map[string]EscalationPolicy `yaml:"escalation_policies"`
	// DefaultEscalationPolicy is used by rules and alarms that name no
	// policy: a policy name or a notifier name; empty means such alerts
	// are tracked but notify no one.
	DefaultEscalationPolicy string `yaml:"default_escalation_policy"`
	// ResolvedRetention is how long a resolved alert stays listed before
	// its state is dropped.
	ResolvedRetention Duration `yaml:"resolved_retention"`
	// Lease elects the one active alerter among processes sharing a queue.
	Lease Lease `yaml:"lease"`
	// Deadman sends a heartbeat while the alerter is healthy, so an
	// outside service notices when alerting itself stops.
	Deadman Deadman `yaml:"deadman"`
}

// ParityException excuses one alarm from the parity check in one
// environment (Env empty: in every environment).
type ParityException struct {
	Env    string `yaml:"env"`
	Name   string `yaml:"name"`
	Reason string `yaml:"reason"`
}

// EscalationPolicy is an ordered list of levels; it mirrors alert.Policy
// (the config package does not import the alerter), keyed by its name in
// Alerting.EscalationPolicies.
type EscalationPolicy struct {
	// Levels are tried in order while the alert fires unacknowledged.
	Levels []EscalationLevel `yaml:"levels"`
}

// EscalationLevel is one step of a policy; it mirrors alert.Level.
type EscalationLevel struct {
	// Delay is measured from the episode's start; delays never decrease
	// from one level to the next.
	Delay Duration `yaml:"delay"`
	// Notifiers are names of configured notifiers.
	Notifiers []string `yaml:"notifiers"`
	// Repeat, when positive, re-sends the level this often while the alert
	// stays firing and unacknowledged.
	Repeat Duration `yaml:"repeat"`
}

// Lease configures the JetStream key-value buckets holding alert state and
// the lease that elects the active alerter.
type Lease struct {
	// BucketPrefix names the buckets <prefix>_alerts, _silences, _acks and
	// _lease; two stacks sharing one NATS server need different prefixes.
	BucketPrefix string `yaml:"bucket_prefix"`
	// TTL is how long a lease lasts without renewal: a standby alerter
	// takes over at most this long after the active one stops.
	TTL Duration `yaml:"ttl"`
	// RenewEvery is how often the active alerter renews; it must be below
	// TTL or the lease lapses between renewals.
	RenewEvery Duration `yaml:"renew_every"`
}

// Deadman configures a heartbeat sent after every healthy evaluation cycle
// (or at most once per Every), through a notifier or to a plain URL such as
// a healthchecks.io ping; exactly one of Notifier and URL is set when it is
// on.
type Deadman struct {
	// Notifier is the name of a configured notifier that receives the
	// heartbeat.
	Notifier string `yaml:"notifier"`
	// URL is pinged with GET; it usually embeds a token, so it is a
	// secret: ${VAR} or url_file.
	URL Secret `yaml:"url"`
	// URLFile holds URL on one line; Load reads it into URL.
	URLFile string `yaml:"url_file"`
	// Every spaces heartbeats; 0 sends one per healthy cycle.
	Every Duration `yaml:"every"`
}

// Enabled reports whether a heartbeat is configured.
func (d Deadman) Enabled() bool { return d.Notifier != "" || d.URL != "" }

// EffectiveStallAfter returns how long /readyz tolerates no finished
// evaluation cycle: StallAfter, or 3 x RunEvery when it is 0, so one slow
// cycle does not flap readiness.
func (a Alerting) EffectiveStallAfter() time.Duration {
	if a.StallAfter > 0 {
		return a.StallAfter.Std()
	}
	return 3 * a.RunEvery.Std()
}

// defaultAlerting returns the alerting defaults: ElastAlert's buffer and
// query size, one-minute ticks, and a lease that fails over within 30s.
func defaultAlerting() Alerting {
	return Alerting{
		RunEvery:          Duration(time.Minute),
		BufferTime:        Duration(45 * time.Minute),
		MaxQuerySize:      10000,
		AlarmDelay:        Duration(time.Minute),
		ResolvedRetention: Duration(time.Hour),
		Lease: Lease{
			BucketPrefix: "logstack_alert",
			TTL:          Duration(30 * time.Second),
			RenewEvery:   Duration(10 * time.Second),
		},
	}
}
