package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// testConfig is a small embedded queue in a fresh directory.
func testConfig(t testing.TB) Config {
	cfg := DefaultConfig()
	cfg.Dir = t.TempDir()
	cfg.MaxBytes = 64 << 20
	cfg.MaxMsgSize = 1 << 20
	cfg.MinFreeDisk = 0
	return cfg
}

// openQueue opens cfg with a private registry and closes it after the test.
func openQueue(t testing.TB, cfg Config) *Queue {
	t.Helper()
	q, err := Open(testContext(t), cfg, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := q.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return q
}

// testContext bounds every blocking call of a test.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// publishN publishes n payloads "msg-<i>" with ids "id-<i>", i from 1.
func publishN(t testing.TB, q *Queue, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		if err := q.Publish(testContext(t), fmt.Appendf(nil, "msg-%d", i), fmt.Sprintf("id-%d", i)); err != nil {
			t.Fatalf("Publish %d: %v", i, err)
		}
	}
}

// fetchN fetches until n messages arrived (or the test context ends).
func fetchN(t testing.TB, c *Consumer, n int) []*Message {
	t.Helper()
	ctx := testContext(t)
	var out []*Message
	for len(out) < n {
		msgs, err := c.Fetch(ctx, n-len(out), 500*time.Millisecond)
		if err != nil {
			t.Fatalf("Fetch after %d of %d messages: %v", len(out), n, err)
		}
		out = append(out, msgs...)
	}
	return out
}

// ackAll acknowledges msgs.
func ackAll(t testing.TB, msgs []*Message) {
	t.Helper()
	for _, m := range msgs {
		if err := m.Ack(testContext(t)); err != nil {
			t.Fatalf("Ack %d: %v", m.Seq, err)
		}
	}
}

// waitFor polls cond until it holds, failing the test at the context's end;
// it waits for server-side effects without asserting how long they take.
func waitFor(t testing.TB, what string, cond func() (bool, error)) {
	t.Helper()
	ctx := testContext(t)
	for {
		ok, err := cond()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s: %v", what, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// messagesIs returns a waitFor condition on the stream's message count.
func messagesIs(q *Queue, want uint64) func() (bool, error) {
	return func() (bool, error) {
		st, err := q.Stats(context.Background())
		return err == nil && st.Messages == want, err
	}
}

func TestCloseIsIdempotentAndFailsLaterCalls(t *testing.T) {
	q, err := Open(testContext(t), testConfig(t), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Close(); err != nil {
		t.Fatalf("first Close: %v", err)
	}
	if err := q.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	err = q.Publish(context.Background(), []byte("x"), "")
	if !errors.Is(err, ErrClosed) || !errors.Is(err, ErrUnavailable) || !Retryable(err) {
		t.Fatalf("Publish after Close = %v, want ErrClosed (unavailable, retryable)", err)
	}
	if err := q.Ping(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Ping after Close = %v, want ErrClosed", err)
	}
	var nilQueue *Queue
	if err := nilQueue.Close(); err != nil {
		t.Fatalf("nil Close: %v", err)
	}
}

func TestOpenRejectsInvalidConfig(t *testing.T) {
	cfg := testConfig(t)
	cfg.Sync = "sometimes"
	if _, err := Open(testContext(t), cfg, nil, nil); err == nil {
		t.Fatal("Open with an invalid sync mode succeeded")
	}
}

func TestOpenIsIdempotentOnSameRegistry(t *testing.T) {
	cfg := testConfig(t)
	reg := prometheus.NewRegistry()
	for i := range 2 {
		q, err := Open(testContext(t), cfg, nil, reg)
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
		if err := q.Close(); err != nil {
			t.Fatalf("Close %d: %v", i, err)
		}
	}
}

func TestDirIsUsedByOneQueueAtATime(t *testing.T) {
	cfg := testConfig(t)
	q := openQueue(t, cfg)
	if other, err := Open(testContext(t), cfg, nil, nil); err == nil {
		_ = other.Close()
		t.Fatal("a second queue opened the same dir")
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(testContext(t), cfg, nil, nil)
	if err != nil {
		t.Fatalf("reopen after Close: %v", err)
	}
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
}
