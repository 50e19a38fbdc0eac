package notify

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// scripted returns the errors in order, then nil.
func scripted(errs ...error) (Notifier, *int) {
	calls := 0
	return NotifierFunc(func(ctx context.Context, n Notification) error {
		calls++
		if calls <= len(errs) {
			return errs[calls-1]
		}
		return nil
	}), &calls
}

func newTestRetrier(next Notifier, reg prometheus.Registerer) (*Retrier, *[]time.Duration) {
	r := NewRetrier("team-chat", next, RetryPolicy{Initial: time.Second, Max: 4 * time.Second}, NewMetrics(reg), nil)
	var waits []time.Duration
	r.jitter = func(d time.Duration) time.Duration { return d }
	r.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	return r, &waits
}

func TestRetrierBackoffAndRetryAfter(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	boom := errors.New("boom")
	next, calls := scripted(boom, boom, Retryable(boom, 10*time.Second), boom, boom)
	r, waits := newTestRetrier(next, reg)
	if err := r.Notify(context.Background(), Notification{}); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{1 * time.Second, 2 * time.Second, 10 * time.Second, 4 * time.Second, 4 * time.Second}
	if *calls != 6 || len(*waits) != len(want) {
		t.Fatalf("calls %d waits %v", *calls, *waits)
	}
	for i := range want {
		if (*waits)[i] != want[i] {
			t.Errorf("wait %d = %s, want %s", i, (*waits)[i], want[i])
		}
	}
	checkCount(t, r.metrics.attempts, OutcomeRetryable, 5)
	checkCount(t, r.metrics.attempts, OutcomeSuccess, 1)
	checkCount(t, r.metrics.notifications, OutcomeSuccess, 1)
}

func TestRetrierPermanentStops(t *testing.T) {
	next, calls := scripted(Permanentf("http status 400: bad"))
	r, waits := newTestRetrier(next, nil)
	err := r.Notify(context.Background(), Notification{})
	if !IsPermanent(err) || *calls != 1 || len(*waits) != 0 {
		t.Fatalf("err %v calls %d waits %v", err, *calls, *waits)
	}
	checkCount(t, r.metrics.notifications, OutcomePermanent, 1)
}

func TestRetrierGivesUpWhenContextEnds(t *testing.T) {
	boom := errors.New("http status 503: busy")
	next := NotifierFunc(func(context.Context, Notification) error { return boom })
	r, _ := newTestRetrier(next, nil)
	ctx, cancel := context.WithCancel(context.Background())
	attempts := 0
	r.sleep = func(ctx context.Context, d time.Duration) error {
		if attempts++; attempts == 3 {
			cancel()
		}
		return ctx.Err()
	}
	err := r.Notify(ctx, Notification{})
	if !errors.Is(err, boom) || !errors.Is(err, context.Canceled) || IsPermanent(err) {
		t.Fatalf("err = %v", err)
	}
	checkCount(t, r.metrics.notifications, OutcomeGaveUp, 1)
	checkCount(t, r.metrics.attempts, OutcomeRetryable, 3)
}

func TestRetrierAttemptTimeout(t *testing.T) {
	next := NotifierFunc(func(ctx context.Context, n Notification) error {
		if _, ok := ctx.Deadline(); !ok {
			return Permanentf("no attempt deadline")
		}
		return nil
	})
	r, _ := newTestRetrier(next, nil)
	if err := r.Notify(context.Background(), Notification{}); err != nil {
		t.Fatal(err)
	}
}

func TestSleepCtx(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepCtx(ctx, time.Hour); err == nil {
		t.Fatal("sleep ignored a done context")
	}
	if err := sleepCtx(context.Background(), time.Millisecond); err != nil {
		t.Fatal(err)
	}
}

func TestFullJitterBounds(t *testing.T) {
	for range 1000 {
		if d := fullJitter(10 * time.Second); d < 5*time.Second || d > 10*time.Second {
			t.Fatalf("jitter %s out of [5s, 10s]", d)
		}
	}
}

func checkCount(t *testing.T, v *prometheus.CounterVec, outcome string, want float64) {
	t.Helper()
	if got := testutil.ToFloat64(v.WithLabelValues("team-chat", outcome)); got != want {
		t.Errorf("%s = %v, want %v", outcome, got, want)
	}
}

func TestRetrierHonoursHTTPRetryAfter(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls++; calls == 1 {
			w.Header().Set("Retry-After", "30")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	sender := &HTTPSender{}
	next := NotifierFunc(func(ctx context.Context, n Notification) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, nil)
		_, err := sender.Do(req)
		return err
	})
	var logs bytes.Buffer
	r, waits := newTestRetrier(next, nil)
	r.log = slog.New(slog.NewTextHandler(&logs, nil))
	if err := r.Notify(context.Background(), Notification{}); err != nil {
		t.Fatal(err)
	}
	if calls != 2 || len(*waits) != 1 || (*waits)[0] != 30*time.Second || logs.Len() != 0 {
		t.Fatalf("calls %d waits %v logs %q", calls, *waits, logs.String())
	}
}

func TestRetrierLogsFinalFailureOnce(t *testing.T) {
	var logs bytes.Buffer
	next, _ := scripted(errors.New("a"), errors.New("b"), Permanentf("http status 400: no"))
	r, _ := newTestRetrier(next, nil)
	r.log = slog.New(slog.NewTextHandler(&logs, nil))
	if err := r.Notify(context.Background(), Notification{AlertKey: "k"}); !IsPermanent(err) {
		t.Fatal(err)
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 1 || !strings.Contains(logs.String(), "attempts=3") {
		t.Fatalf("logs %q", logs.String())
	}
}
