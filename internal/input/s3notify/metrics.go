package s3notify

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/input"
)

// Results for logstack_s3_objects_total.
const (
	resultOK         = "ok"
	resultDeadLetter = "dead_letter"
	resultRetry      = "retry"
)

// Metrics counts what the S3 inputs did with notifications; the families
// are shared by every S3 input, labelled by input.
type Metrics struct {
	objects *prometheus.CounterVec
	ignored *prometheus.CounterVec
	poison  *prometheus.CounterVec
}

// NewMetrics registers the S3 notification metrics on reg (nil: not
// registered), reusing families another S3 input registered.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	return &Metrics{
		objects: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_s3_objects_total",
			Help: "Objects announced by S3 notifications, by input and result (ok: durable; dead_letter: given up; retry: failed, notification redelivered).",
		}, []string{"input", "result"})),
		ignored: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_s3_records_ignored_total",
			Help: "S3 notification records that announce no new object (removals, replication), by input.",
		}, []string{"input"})),
		poison: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_s3_notifications_dead_lettered_total",
			Help: "Notifications dead-lettered whole (unparsable, delivered too often), by input.",
		}, []string{"input"})),
	}
}
