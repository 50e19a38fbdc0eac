package s3hook

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/input"
)

// Results for logstack_s3_webhook_requests_total.
const (
	reasonOK         = "ok"
	reasonConfirmed  = "subscription_confirmed"
	reasonDeadLetter = "dead_letter"
	reasonMalformed  = "malformed"
	reasonAuth       = "auth"
	reasonRetry      = "retry"
	reasonCanceled   = "canceled"
)

type metrics struct {
	requests *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	return &metrics{requests: input.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "logstack_s3_webhook_requests_total",
		Help: "S3 webhook requests (MinIO, SNS) answered, by result.",
	}, []string{"result"}))}
}

// answer writes a JSON answer and counts it.
func (h *Hook) answer(w http.ResponseWriter, _ *http.Request, status int, result, msg string) {
	h.m.requests.WithLabelValues(result).Inc()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if msg == "" {
		_, _ = io.WriteString(w, `{"ok":true}`+"\n")
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// readBody reads at most limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, fmt.Errorf("body larger than %d bytes", limit)
	}
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	return body, nil
}
