package health

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Check reports whether one component can do its job now. It must return
// quickly; the registry gives it a deadline.
type Check func(ctx context.Context) error

// ErrDraining is the readiness answer once shutdown has begun.
var ErrDraining = errors.New("shutting down")

// Registry holds the readiness checks of a running process.
type Registry struct {
	mu       sync.Mutex
	checks   map[string]Check
	draining atomic.Bool
	timeout  time.Duration
}

// NewRegistry returns an empty registry; each check gets timeout to answer.
func NewRegistry(timeout time.Duration) *Registry {
	return &Registry{checks: map[string]Check{}, timeout: timeout}
}

// Add registers a named check, replacing one of the same name.
func (r *Registry) Add(name string, c Check) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checks[name] = c
}

// Drain makes readiness fail from now on, so load balancers stop sending
// before the inputs close.
func (r *Registry) Drain() { r.draining.Store(true) }

// Status is the readiness report: Ready, and the failing parts with why.
type Status struct {
	Ready  bool              `json:"ready"`
	Checks map[string]string `json:"checks"`
}

// Evaluate runs every check concurrently.
func (r *Registry) Evaluate(ctx context.Context) Status {
	r.mu.Lock()
	names := make([]string, 0, len(r.checks))
	for n := range r.checks {
		names = append(names, n)
	}
	sort.Strings(names)
	checks := make([]Check, len(names))
	for i, n := range names {
		checks[i] = r.checks[n]
	}
	r.mu.Unlock()

	ctx, cancel := context.WithTimeoutCause(ctx, r.timeout, errors.New("readiness check took too long"))
	defer cancel()
	results := make([]error, len(names))
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Go(func() { results[i] = runCheck(ctx, c) })
	}
	wg.Wait()

	st := Status{Ready: true, Checks: make(map[string]string, len(names)+1)}
	if r.draining.Load() {
		st.Ready = false
		st.Checks["process"] = ErrDraining.Error()
	}
	for i, n := range names {
		if results[i] != nil {
			st.Ready = false
			st.Checks[n] = results[i].Error()
		} else {
			st.Checks[n] = "ok"
		}
	}
	return st
}

func runCheck(ctx context.Context, c Check) error {
	done := make(chan error, 1)
	go func() { done <- c(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// ReadyHandler serves /readyz: 200 when every check passes, 503 otherwise,
// with the per-check report as JSON either way.
func (r *Registry) ReadyHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		st := r.Evaluate(req.Context())
		w.Header().Set("Content-Type", "application/json")
		if !st.Ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(st)
	})
}

// LiveHandler serves /healthz: the process is alive and serving HTTP.
func LiveHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
}
