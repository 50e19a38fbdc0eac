package notify

import (
	"context"
	"time"
)

// State is the lifecycle state of an alert at the time of a notification; the
// notifiers map it to the service's own verbs (PagerDuty trigger/acknowledge/
// resolve, Opsgenie create/acknowledge/close, a colour in chat).
type State string

// The alert states of issue 5 scope point 3.
const (
	StateFiring       State = "firing"
	StateAcknowledged State = "acknowledged"
	StateResolved     State = "resolved"
)

// Notification is everything a notifier may render or send for one alert
// transition. It is a value so that a retry or an escalation level resends
// exactly the same content.
type Notification struct {
	// AlertKey identifies the alert: rule name plus query_key value.
	AlertKey string `json:"alert_key"`
	// Rule is the rule or alarm name.
	Rule string `json:"rule"`
	// State is firing, acknowledged or resolved.
	State State `json:"state"`
	// Severity is critical, error, warning or info (anything else is sent as is
	// where the service accepts free text, and as "error" where it does not).
	Severity string `json:"severity"`
	// Subject is the rule's rendered subject (alert_subject); a notifier's own
	// subject template, when configured, replaces it.
	Subject string `json:"subject"`
	// Text is the rule's rendered body (alert_text).
	Text string `json:"text"`
	// Matches is how many events matched in the rule's window.
	Matches int `json:"matches"`
	// Labels are string dimensions (query_key values, environment, ...).
	Labels map[string]string `json:"labels,omitempty"`
	// Fields are extra values from the matching events (include, top_count_keys).
	Fields map[string]any `json:"fields,omitempty"`
	// Time is when the transition happened.
	Time time.Time `json:"time"`
	// Level is the escalation level (0 for the first level).
	Level int `json:"escalation_level"`
	// DedupKey is stable for the whole life of one alert so that services
	// which deduplicate (PagerDuty dedup_key, Opsgenie alias) update one incident.
	DedupKey string `json:"dedup_key"`
}

// Notifier sends one notification to one destination. Notify blocks until the
// service accepted the notification, refused it, or ctx ended; it makes one
// attempt (retrying is the Retrier's job) and returns an error classified with
// Permanent or Retryable. Implementations are safe for concurrent use and
// never put secrets in their errors.
type Notifier interface {
	Notify(ctx context.Context, n Notification) error
}

// NotifierFunc adapts a function to Notifier, for tests and small adapters.
type NotifierFunc func(ctx context.Context, n Notification) error

// Notify calls f(ctx, n).
func (f NotifierFunc) Notify(ctx context.Context, n Notification) error { return f(ctx, n) }
