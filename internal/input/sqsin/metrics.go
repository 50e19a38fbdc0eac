package sqsin

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/input"
)

// Results for logstack_sqs_messages_total.
const (
	resultDeleted    = "deleted"
	resultDeadLetter = "dead_letter"
	resultRetry      = "retry"
	resultTest       = "test_event"
)

type metrics struct {
	messages   *prometheus.CounterVec
	pollErrors prometheus.Counter
	apiErrors  *prometheus.CounterVec
	inFlight   prometheus.Gauge
	extended   prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) *metrics {
	return &metrics{
		messages: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_sqs_messages_total",
			Help: "SQS messages handled, by result (deleted, dead_letter, retry: left for redelivery, test_event).",
		}, []string{"result"})),
		pollErrors: input.Register(reg, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_sqs_poll_errors_total",
			Help: "Failed SQS ReceiveMessage calls.",
		})),
		apiErrors: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_sqs_api_errors_total",
			Help: "Failed SQS DeleteMessage and ChangeMessageVisibility calls, by operation.",
		}, []string{"op"})),
		inFlight: input.Register(reg, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "logstack_sqs_messages_in_flight",
			Help: "SQS messages received and being processed.",
		})),
		extended: input.Register(reg, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "logstack_sqs_visibility_extensions_total",
			Help: "Visibility timeout extensions of messages whose objects take long to process.",
		})),
	}
}
