package httpin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/input"
)

// Reasons for logstack_input_rejected_total.
const (
	reasonMalformed    = "malformed"
	reasonTooLarge     = "too_large"
	reasonAuth         = "auth"
	reasonBackpressure = "backpressure"
	reasonUnavailable  = "unavailable"
	reasonError        = "error"
)

// codeCanceled labels requests whose client went away before the answer
// (nginx's convention); nobody receives what is written for them.
const codeCanceled = "499"

type metrics struct {
	events   *prometheus.CounterVec
	requests *prometheus.CounterVec
	rejected *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// newMetrics registers the input metrics. The events and rejected families
// are shared with the TCP input (same names, help and labels), so an
// existing registration is reused instead of failing.
func newMetrics(reg prometheus.Registerer) *metrics {
	return &metrics{
		events: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_input_events_total",
			Help: "Events an input received and the queue made durable, by input.",
		}, []string{"input"})),
		requests: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_input_requests_total",
			Help: "HTTP requests answered by an input, by input and status code (499: client went away).",
		}, []string{"input", "code"})),
		rejected: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "logstack_input_rejected_total",
			Help: "Requests (HTTP) or publish attempts (TCP) refused, by input and reason.",
		}, []string{"input", "reason"})),
		duration: input.Register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "logstack_input_request_duration_seconds",
			Help:    "Time to answer an input request, including the wait for the queue, by input.",
			Buckets: prometheus.DefBuckets,
		}, []string{"input"})),
	}
}

func registerAuth(reg prometheus.Registerer, keys *auth.Keys, scope string) {
	if reg == nil || keys == nil {
		return
	}
	input.Register(reg, keys.Collector(scope))
}

// instrument counts h's requests by status code and times them.
func (in *Input) instrument(name string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		code := strconv.Itoa(rec.status())
		if r.Context().Err() != nil {
			code = codeCanceled
		}
		in.m.requests.WithLabelValues(name, code).Inc()
		in.m.duration.WithLabelValues(name).Observe(time.Since(start).Seconds())
	})
}

// recorder remembers the status code written through it.
type recorder struct {
	http.ResponseWriter
	code int
}

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}
