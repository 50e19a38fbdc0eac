package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/logstack/logstack/internal/alert"
)

// AlertState is the part of the alerter's state the alerts API reads and
// writes (implemented by *alert.KVStore). The API never writes alerts
// themselves: it stores acks and silences, and the active alerter applies
// them on its next tick, so that only the lease holder changes an alert.
type AlertState interface {
	Alerts(ctx context.Context) (map[string]alert.StoredAlert, error)
	PutAck(ctx context.Context, a alert.Ack) error
	Silences(ctx context.Context) ([]alert.Silence, error)
	PutSilence(ctx context.Context, s alert.Silence) error
}

var _ AlertState = (*alert.KVStore)(nil)

// storeTimeout bounds the store calls of one request: the KV store waits
// for NATS, and a request must not hang on a broken connection.
const storeTimeout = 10 * time.Second

// errStoreTimeout is the cause of a store call that took too long (503).
var errStoreTimeout = errors.New("alert store did not answer in time")

// statusError is an answer other than 400 and 500: a missing alert or
// silence (404), a request the alert's state forbids (409).
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return e.msg }

func notFound(format string, args ...any) error {
	return &statusError{code: http.StatusNotFound, msg: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) error {
	return &statusError{code: http.StatusConflict, msg: fmt.Sprintf(format, args...)}
}

// Alerts serves the alerts API (issue 5, scope 3): list and inspect alert
// episodes, acknowledge them, and manage silences, for `logstack alerts`
// and scripts. Any process that can reach the alert store may serve it.
type Alerts struct {
	st      AlertState
	log     *slog.Logger
	now     func() time.Time
	timeout time.Duration // of a request's store calls
}

// NewAlerts returns the alerts API over st.
func NewAlerts(st AlertState, logger *slog.Logger) *Alerts {
	return &Alerts{st: st, log: logger.With("component", "api.alerts"), now: time.Now, timeout: storeTimeout}
}

// Register mounts the handlers on mux, wrapped by wrap (authentication, the
// same as the search API's; nil for none). Alert IDs contain '/' when the
// rule has a query_key, so {id...} takes the rest of the path; clients
// should path-escape IDs (url.PathEscape) all the same.
func (a *Alerts) Register(mux *http.ServeMux, wrap func(http.Handler) http.Handler) {
	if wrap == nil {
		wrap = func(h http.Handler) http.Handler { return h }
	}
	mux.Handle("GET /api/v1/alerts", wrap(http.HandlerFunc(a.list)))
	mux.Handle("GET /api/v1/alerts/{id...}", wrap(http.HandlerFunc(a.get)))
	mux.Handle("POST /api/v1/alerts/{id...}", wrap(http.HandlerFunc(a.ack)))
	mux.Handle("GET /api/v1/silences", wrap(http.HandlerFunc(a.listSilences)))
	mux.Handle("POST /api/v1/silences", wrap(http.HandlerFunc(a.createSilence)))
	mux.Handle("DELETE /api/v1/silences/{id}", wrap(http.HandlerFunc(a.expireSilence)))
}

// storeCtx bounds one request's store calls.
func (a *Alerts) storeCtx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(r.Context(), a.timeout, errStoreTimeout)
}

// fail answers an alerts API error: a statusError with its code, a store
// that did not answer 503 with Retry-After, the rest as the search API
// answers them.
func (a *Alerts) fail(w http.ResponseWriter, r *http.Request, err error) {
	var se *statusError
	switch {
	case errors.As(err, &se):
		writeJSON(w, se.code, map[string]any{"error": se.msg})
	case errors.Is(err, context.DeadlineExceeded) && r.Context().Err() == nil:
		w.Header().Set("Retry-After", "5")
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": fmt.Sprintf("%v: %v", errStoreTimeout, err)})
	default:
		writeError(a.log, w, err)
	}
}
