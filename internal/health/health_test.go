package health

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestReadiness(t *testing.T) {
	r := NewRegistry(100 * time.Millisecond)
	r.Add("queue", func(context.Context) error { return nil })
	r.Add("input.tcp", func(context.Context) error { return errors.New("accept loop stopped") })
	r.Add("slow", func(ctx context.Context) error { <-ctx.Done(); return nil })

	rec := httptest.NewRecorder()
	r.ReadyHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("code %d, want 503", rec.Code)
	}
	var st Status
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"queue": "ok", "input.tcp": "accept loop stopped", "slow": "readiness check took too long"}
	for k, v := range want {
		if st.Checks[k] != v {
			t.Errorf("check %s = %q, want %q", k, st.Checks[k], v)
		}
	}

	r.Add("input.tcp", func(context.Context) error { return nil })
	r.Add("slow", func(context.Context) error { return nil })
	if st := r.Evaluate(context.Background()); !st.Ready {
		t.Fatalf("not ready with all checks passing: %v", st)
	}
	r.Drain()
	if st := r.Evaluate(context.Background()); st.Ready || st.Checks["process"] != ErrDraining.Error() {
		t.Fatalf("draining registry reports %v", st)
	}
}
