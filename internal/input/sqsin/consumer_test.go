package sqsin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/input/s3notify"
	"github.com/logstack/logstack/internal/input/sqsin/sqsfake"
	"github.com/logstack/logstack/internal/queue"
)

const queueName = "alb-logs"

func notification(keys ...string) string {
	var recs []string
	for _, k := range keys {
		recs = append(recs, `{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"`+k+`","size":1}}}`)
	}
	return `{"Records":[` + strings.Join(recs, ",") + `]}`
}

// harness runs a Consumer against the fake SQS server through the real SDK
// client.
type harness struct {
	fake     *sqsfake.Server
	consumer *Consumer
	dl       *s3notify.FileDeadLetters
	reg      *prometheus.Registry
	mu       sync.Mutex
	calls    map[string]int
}

func start(t *testing.T, cfg Config, h func(ctx context.Context, o s3notify.Object, call int) error) *harness {
	t.Helper()
	fake := sqsfake.New()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	client, err := NewClient(context.Background(), ClientConfig{Region: "us-east-1", Endpoint: srv.URL, AccessKeyID: "test", SecretAccessKey: "test"})
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{fake: fake, reg: prometheus.NewRegistry(), calls: map[string]int{}}
	hs.dl = s3notify.NewFileDeadLetters(filepath.Join(t.TempDir(), "dead.jsonl"))
	disp := &s3notify.Dispatcher{Input: "sqs", DeadLetters: hs.dl, Metrics: s3notify.NewMetrics(hs.reg),
		Handler: s3notify.HandlerFunc(func(ctx context.Context, o s3notify.Object) error {
			hs.mu.Lock()
			hs.calls[o.Key]++
			n := hs.calls[o.Key]
			hs.mu.Unlock()
			return h(ctx, o, n)
		})}
	cfg.QueueURL = sqsfake.QueueURL(srv.URL, queueName)
	cfg.WaitTime = time.Second
	hs.consumer = New(cfg, client, disp, slog.New(slog.NewTextHandler(io.Discard, nil)), hs.reg)
	if err := hs.consumer.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = hs.consumer.Shutdown(context.Background()) })
	return hs
}

func (hs *harness) callsOf(key string) int {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	return hs.calls[key]
}

// eventually polls cond; tests fail on the deadline, never on speed.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestDeletesOnlyAfterEveryObject(t *testing.T) {
	hs := start(t, Config{Concurrency: 3}, func(context.Context, s3notify.Object, int) error { return nil })
	hs.fake.Send(queueName, notification("a.log.gz", "b.log.gz"))
	hs.fake.Send(queueName, `{"Service":"Amazon S3","Event":"s3:TestEvent"}`)
	hs.fake.Send(queueName, `{"Type":"Notification","TopicArn":"arn:aws:sns:us-east-1:1:t","Message":`+quote(notification("c.log.gz"))+`}`)
	// The fake counts a delete before its answer reaches the consumer,
	// which counts the message after that answer: wait for both.
	eventually(t, "all messages deleted and counted", func() bool {
		return hs.fake.Deleted(queueName) == 3 && testutil.ToFloat64(hs.consumer.m.messages.WithLabelValues(resultTest)) >= 1
	})
	for _, k := range []string{"a.log.gz", "b.log.gz", "c.log.gz"} {
		if n := hs.callsOf(k); n != 1 {
			t.Errorf("%s processed %d times", k, n)
		}
	}
	if got := testutil.ToFloat64(hs.consumer.m.messages.WithLabelValues(resultTest)); got != 1 {
		t.Errorf("test events %v", got)
	}
}

func TestRetryableFailureIsRedelivered(t *testing.T) {
	// A visibility timeout of an hour: the retry comes from the backoff.
	hs := start(t, Config{VisibilityTimeout: time.Hour, RetryBackoff: time.Second}, func(_ context.Context, _ s3notify.Object, call int) error {
		if call == 1 {
			return errors.New("queue full")
		}
		return nil
	})
	hs.fake.Send(queueName, notification("x.log.gz"))
	eventually(t, "message deleted after the retry", func() bool { return hs.fake.Deleted(queueName) == 1 })
	if n := hs.callsOf("x.log.gz"); n != 2 {
		t.Fatalf("processed %d times, want 2 (fail, then succeed)", n)
	}
}

func TestPoisonMessages(t *testing.T) {
	hs := start(t, Config{VisibilityTimeout: time.Second, MaxReceiveCount: 2}, func(_ context.Context, o s3notify.Object, _ int) error {
		if o.Key == "denied.log.gz" {
			return s3notify.Permanent(errors.New("access denied"))
		}
		return errors.New("always failing")
	})
	hs.fake.Send(queueName, "this is not json")
	hs.fake.Send(queueName, notification("denied.log.gz"))
	hs.fake.Send(queueName, notification("flaky.log.gz"))
	eventually(t, "poison messages deleted", func() bool { return hs.fake.Len(queueName) == 0 })
	if n := hs.callsOf("flaky.log.gz"); n != 2 {
		t.Fatalf("a message over max_receive_count was processed %d times, want 2", n)
	}
	if got := testutil.ToFloat64(hs.consumer.m.messages.WithLabelValues(resultDeadLetter)); got != 2 {
		t.Fatalf("dead-lettered messages %v, want 2 (unparsable, too many receives)", got)
	}
	if got := testutil.ToFloat64(hs.consumer.m.messages.WithLabelValues(resultDeleted)); got != 1 {
		t.Fatalf("deleted messages %v, want 1 (its object dead-lettered)", got)
	}
}

func TestVisibilityExtendedWhileProcessing(t *testing.T) {
	var extended atomic.Bool
	hs := start(t, Config{VisibilityTimeout: time.Second, Concurrency: 2}, nil)
	hs.consumer.disp.Handler = s3notify.HandlerFunc(func(ctx context.Context, o s3notify.Object) error {
		hs.mu.Lock()
		hs.calls[o.Key]++
		hs.mu.Unlock()
		// Hold the object until the visibility has been extended several
		// times, well past the original one-second timeout.
		for testutil.ToFloat64(hs.consumer.m.extended) < 4 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(20 * time.Millisecond):
			}
		}
		extended.Store(true)
		return nil
	})
	hs.fake.Send(queueName, notification("big.log.gz"))
	eventually(t, "message deleted", func() bool { return hs.fake.Deleted(queueName) == 1 })
	if n := hs.callsOf("big.log.gz"); n != 1 || !extended.Load() {
		t.Fatalf("a message being processed was handed out again: %d calls", n)
	}
}

func TestShutdownLeavesUnfinishedMessages(t *testing.T) {
	started := make(chan struct{})
	hs := start(t, Config{}, func(ctx context.Context, _ s3notify.Object, _ int) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	hs.fake.Send(queueName, notification("slow.log.gz"))
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := hs.consumer.Shutdown(ctx); err == nil {
		t.Fatal("shutdown past its deadline must say messages were abandoned")
	}
	if hs.fake.Len(queueName) != 1 || hs.fake.Deleted(queueName) != 0 {
		t.Fatal("an unfinished message was deleted")
	}
	if err := hs.consumer.Shutdown(context.Background()); err != nil {
		t.Fatalf("second shutdown: %v", err)
	}
}

func TestReadinessFailsWhilePollFails(t *testing.T) {
	srv := httptest.NewServer(sqsfake.New())
	url := srv.URL
	srv.Close()
	client, err := NewClient(context.Background(), ClientConfig{Region: "us-east-1", Endpoint: url, AccessKeyID: "k", SecretAccessKey: "s"})
	if err != nil {
		t.Fatal(err)
	}
	disp := &s3notify.Dispatcher{Input: "sqs", Metrics: s3notify.NewMetrics(nil)}
	c := New(Config{QueueURL: sqsfake.QueueURL(url, "q"), RetryDelay: 10 * time.Millisecond}, client, disp, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err := c.Check(context.Background()); err != nil {
		t.Fatalf("ready before any poll: %v", err)
	}
	_ = c.Start(context.Background())
	defer c.Shutdown(context.Background())
	eventually(t, "readiness to fail", func() bool { return c.Check(context.Background()) != nil })
	if err := c.Check(context.Background()); !strings.Contains(err.Error(), "sqs poll failing") {
		t.Fatalf("readiness error %q", err)
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

func TestRegionOf(t *testing.T) {
	for url, want := range map[string]string{
		"https://sqs.eu-west-1.amazonaws.com/123/alb": "eu-west-1",
		"https://sqs.cn-north-1.amazonaws.com.cn/1/q": "cn-north-1",
		"http://127.0.0.1:9324/000000000000/q":        "us-east-1",
		"::":                                          "us-east-1",
	} {
		if got := regionOf(url); got != want {
			t.Errorf("regionOf(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestBackpressureDoesNotCountAgainstMaxReceives(t *testing.T) {
	hs := start(t, Config{VisibilityTimeout: time.Second, MaxReceiveCount: 1}, func(_ context.Context, _ s3notify.Object, call int) error {
		if call <= 3 {
			return fmt.Errorf("publish: %w", queue.ErrFull)
		}
		return nil
	})
	hs.fake.Send(queueName, notification("busy.log.gz"))
	eventually(t, "message deleted once the queue takes data again, and counted", func() bool {
		return hs.fake.Deleted(queueName) == 1 && testutil.ToFloat64(hs.consumer.m.messages.WithLabelValues(resultDeleted)) >= 1
	})
	if got := testutil.ToFloat64(hs.consumer.m.messages.WithLabelValues(resultDeleted)); got != 1 || hs.callsOf("busy.log.gz") != 4 {
		t.Fatalf("deleted %v after %d calls; a full queue must not dead-letter notifications", got, hs.callsOf("busy.log.gz"))
	}
}
