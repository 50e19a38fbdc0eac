package alert

import (
	"slices"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// Key identifies an alert: the rule (or alarm) name plus the query_key value
// ("" when the rule has no query_key), as ElastAlert2 and CloudWatch do.
type Key struct {
	Rule     string `json:"rule"`
	QueryKey string `json:"query_key,omitempty"`
}

// String is the alert key used in notifications and logs: "rule" or
// "rule/value".
func (k Key) String() string {
	if k.QueryKey == "" {
		return k.Rule
	}
	return k.Rule + "/" + k.QueryKey
}

// Outcome is what became of one notification attempt.
type Outcome string

// Outcomes recorded in an alert's notification log.
const (
	// OutcomeDelivered: the service accepted it; never sent again.
	OutcomeDelivered Outcome = "delivered"
	// OutcomeRefused: the service refused it permanently; retrying cannot
	// help, so it is not sent again either.
	OutcomeRefused Outcome = "refused"
	// OutcomeFailed: retries ran out of time; the next step sends it again.
	OutcomeFailed Outcome = "failed"
	// OutcomeSilenced: a silence suppressed it; sent when the silence ends
	// while the notification is still due.
	OutcomeSilenced Outcome = "silenced"
)

// done reports whether an entry with this outcome settles the notification.
func (o Outcome) done() bool { return o == OutcomeDelivered || o == OutcomeRefused }

// ResolvedLevel is the Level of resolved notifications in the log.
const ResolvedLevel = -1

// LogEntry is one line of an alert's notification history.
type LogEntry struct {
	// Level is the escalation level, ResolvedLevel for the resolved notice.
	Level int `json:"level"`
	// Repeat counts the level's repeats (0 for the first send).
	Repeat int `json:"repeat,omitempty"`
	// Notifier is the configured notifier name.
	Notifier string `json:"notifier"`
	// State is the alert state the notification announced.
	State notify.State `json:"state"`
	// At is when the outcome was recorded.
	At time.Time `json:"at"`
	// Outcome is delivered, refused, failed or silenced.
	Outcome Outcome `json:"outcome"`
	// Error is the last error for refused and failed notifications; the
	// silence ID for silenced ones.
	Error string `json:"error,omitempty"`
}

// Alert is one alert episode: it starts when its key begins firing and ends
// when it resolved and every resolved notice went out.
type Alert struct {
	Key Key `json:"key"`
	// Policy names the escalation policy the alert follows.
	Policy string `json:"policy"`
	// State is firing, acknowledged or resolved.
	State notify.State `json:"state"`
	// Severity, Subject, Text and Labels come from the latest match.
	Severity string            `json:"severity,omitempty"`
	Subject  string            `json:"subject,omitempty"`
	Text     string            `json:"text,omitempty"`
	Labels   map[string]string `json:"labels,omitempty"`
	// StartedAt is when this episode started firing; escalation delays count
	// from it.
	StartedAt time.Time `json:"started_at"`
	// FirstSeen and LastSeen are the first and latest steps that saw a match.
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// Matches is the latest match count reported by the rule.
	Matches int `json:"matches"`
	// AckedBy and AckedAt record the acknowledgement, if any.
	AckedBy string    `json:"acked_by,omitempty"`
	AckedAt time.Time `json:"acked_at,omitzero"`
	// ResolvedAt is when the alert stopped firing.
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	// Silenced counts notifications suppressed by silences.
	Silenced int `json:"silenced"`
	// ResolveNotifiers also get the resolved notice, whether or not they
	// were notified of the episode: a metric alarm's ok_actions, which
	// CloudWatch runs on entering OK. From the latest match.
	ResolveNotifiers []string `json:"resolve_notifiers,omitempty"`
	// Log is the notification history of this episode.
	Log []LogEntry `json:"log,omitempty"`
}

// DedupKey is stable for one episode, so services that deduplicate
// (PagerDuty dedup_key, Opsgenie alias) update one incident.
func (a Alert) DedupKey() string {
	return a.Key.String() + "@" + a.StartedAt.UTC().Format(time.RFC3339Nano)
}

// clone returns a deep copy, so a Step never mutates its input snapshot.
func (a Alert) clone() Alert {
	if a.Labels != nil {
		l := make(map[string]string, len(a.Labels))
		for k, v := range a.Labels {
			l[k] = v
		}
		a.Labels = l
	}
	a.Log = append([]LogEntry(nil), a.Log...)
	a.ResolveNotifiers = slices.Clone(a.ResolveNotifiers)
	return a
}

// Match is one firing result of a rule or alarm in the current step.
type Match struct {
	Key      Key
	Policy   string // "" means the engine's default policy
	Severity string
	Subject  string
	Text     string
	Matches  int
	Labels   map[string]string
	// ResolveNotifiers are notifier names that get the resolved notice of
	// the episode in addition to those notified of it (an alarm's
	// ok_actions); nil for rules.
	ResolveNotifiers []string
}

// Ack acknowledges the episode of Key that was firing at At.
type Ack struct {
	Key     Key       `json:"key"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
	Comment string    `json:"comment,omitempty"`
}

// Matcher selects alerts by a label: "rule" (the rule name), "query_key" (the
// query_key value) or any key of the alert's Labels; Value must equal it.
type Matcher struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Silence suppresses the notifications (not the alerts) of every alert all
// of whose Matchers match, between StartsAt and ExpiresAt.
type Silence struct {
	ID        string    `json:"id"`
	Matchers  []Matcher `json:"matchers"`
	StartsAt  time.Time `json:"starts_at"`
	ExpiresAt time.Time `json:"expires_at"`
	Reason    string    `json:"reason"`
	Author    string    `json:"author"`
}

// Active reports whether the silence applies at now.
func (s Silence) Active(now time.Time) bool {
	return !now.Before(s.StartsAt) && now.Before(s.ExpiresAt)
}

// Matches reports whether every matcher matches the alert (a silence with
// no matchers matches nothing, so an empty silence cannot mute everything).
func (s Silence) Matches(a *Alert) bool {
	if len(s.Matchers) == 0 {
		return false
	}
	for _, m := range s.Matchers {
		var v string
		switch m.Name {
		case "rule":
			v = a.Key.Rule
		case "query_key":
			v = a.Key.QueryKey
		default:
			v = a.Labels[m.Name]
		}
		if v != m.Value {
			return false
		}
	}
	return true
}

// Level is one step of an escalation policy.
type Level struct {
	// Delay is measured from the episode's start.
	Delay time.Duration `json:"delay"`
	// Notifiers are configured notifier names.
	Notifiers []string `json:"notifiers"`
	// Repeat, when positive, re-sends the level this often while the alert
	// stays firing and unacknowledged.
	Repeat time.Duration `json:"repeat,omitempty"`
}

// Policy is an ordered list of escalation levels.
type Policy struct {
	Name   string  `json:"name"`
	Levels []Level `json:"levels"`
}

// Snapshot is the engine's whole state: the alerts by Key.String().
type Snapshot struct {
	Alerts map[string]Alert
}

// Input is what a step sees besides time and the previous snapshot.
type Input struct {
	// Firing is the set of keys firing now; a key of the snapshot missing
	// from it has resolved.
	Firing   []Match
	Acks     []Ack
	Silences []Silence
}

// Outgoing is one notification the caller must send through the named
// notifier and then pass to Record with the outcome.
type Outgoing struct {
	Notifier     string
	Repeat       int
	Notification notify.Notification
}
