package notify

import "github.com/prometheus/client_golang/prometheus"

// Outcome labels of the attempt and notification counters.
const (
	OutcomeSuccess   = "success"
	OutcomeRetryable = "retryable_error"
	OutcomePermanent = "permanent_error"
	OutcomeGaveUp    = "gave_up"
)

// Metrics counts notification attempts and final outcomes per notifier name, so
// that a failing notifier is itself visible (issue 5, scope point 4). One
// Metrics is shared by every Retrier of a process.
type Metrics struct {
	attempts      *prometheus.CounterVec
	notifications *prometheus.CounterVec
}

// NewMetrics registers the counters with reg (nil: not registered, for tests
// that do not look at them).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_notify_attempts_total",
			Help: "Notification attempts by notifier and outcome (success, retryable_error, permanent_error).",
		}, []string{"notifier", "outcome"}),
		notifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_notify_notifications_total",
			Help: "Notifications by notifier and final outcome after retries (success, permanent_error, gave_up).",
		}, []string{"notifier", "outcome"}),
	}
	if reg != nil {
		reg.MustRegister(m.attempts, m.notifications)
	}
	return m
}
