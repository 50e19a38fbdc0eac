package alert

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/notify"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// startJetStream runs an in-process nats-server with JetStream on a
// loopback port, stopped by t.Cleanup.
func startJetStream(t *testing.T) string {
	t.Helper()
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: t.TempDir(), NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	return srv.ClientURL()
}

// connect opens one "process"' connection.
func connect(t *testing.T, url string) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// recorder is a notifier set that records every delivery of every process.
type recorder struct {
	mu   sync.Mutex
	sent []string
	// fail, when set, decides an error per notification.
	fail func(name string, n notify.Notification) error
}

func (r *recorder) notifiers(process string) map[string]notify.Notifier {
	m := map[string]notify.Notifier{}
	for _, name := range []string{"chat", "email", "sms"} {
		m[name] = notify.NotifierFunc(func(_ context.Context, n notify.Notification) error {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.fail != nil {
				if err := r.fail(name, n); err != nil {
					return err
				}
			}
			r.sent = append(r.sent, fmt.Sprintf("%s:%d:%s:%s:%d", process, int(n.Time.Sub(t0)/time.Minute), name, n.State, n.Level))
			return nil
		})
	}
	return m
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.sent)
}

// process is one alerter process: its own connection, store, lease, runner.
func newProcess(t *testing.T, url, name string, rec *recorder) (*Runner, *KVStore, *Lease) {
	t.Helper()
	js := connect(t, url)
	st, err := OpenKVStore(testCtx(t), js, "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := OpenLease(testCtx(t), js, "", name, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return NewRunner(newEngine(t), st, l, rec.notifiers(name), nil, prometheus.NewRegistry()), st, l
}

var webErrors = []Match{{Key: Key{Rule: "errors", QueryKey: "web-1"}, Subject: "errors on web-1", Matches: 12}}

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func TestKVStoreRevisionChecks(t *testing.T) {
	url := startJetStream(t)
	a, _ := OpenKVStore(testCtx(t), connect(t, url), "")
	b, _ := OpenKVStore(testCtx(t), connect(t, url), "")
	ctx := testCtx(t)
	al := Alert{Key: Key{Rule: "r", QueryKey: "x/y z"}, State: notify.StateFiring, StartedAt: t0}
	rev, err := a.PutAlert(ctx, al, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.PutAlert(ctx, al, 0); !errors.Is(err, ErrConflict) {
		t.Fatalf("second create: %v", err)
	}
	al.Log = append(al.Log, LogEntry{Notifier: "chat", State: notify.StateFiring, Outcome: OutcomeDelivered, At: t0})
	rev2, err := b.PutAlert(ctx, al, rev)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.PutAlert(ctx, al, rev); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale update: %v", err)
	}
	got, err := a.Alerts(ctx)
	if err != nil || got["r/x/y z"].Revision != rev2 || len(got["r/x/y z"].Alert.Log) != 1 {
		t.Fatalf("Alerts = %+v, %v", got, err)
	}
	if err := a.DeleteAlert(ctx, "r/x/y z", rev); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale delete: %v", err)
	}
	if err := a.DeleteAlert(ctx, "r/x/y z", rev2); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Alerts(ctx); len(got) != 0 {
		t.Fatalf("after delete: %+v", got)
	}
	sil := Silence{ID: "s1", Matchers: []Matcher{{Name: "rule", Value: "r"}}, ExpiresAt: at(5), Reason: "r", Author: "bob"}
	if err := a.PutSilence(ctx, sil); err != nil {
		t.Fatal(err)
	}
	if err := a.PutAck(ctx, Ack{Key: al.Key, By: "alice", At: t0}); err != nil {
		t.Fatal(err)
	}
	sils, err1 := b.Silences(ctx)
	acks, err2 := b.Acks(ctx)
	if err1 != nil || err2 != nil || len(sils) != 1 || sils[0].Author != "bob" || len(acks) != 1 || acks[0].By != "alice" {
		t.Fatalf("silences %+v %v acks %+v %v", sils, err1, acks, err2)
	}
}

// TestRestartWithoutDuplicates stops a process after a failed email and
// starts a fresh one on the same buckets: the delivered chat is not sent
// again, the undelivered email is.
func TestRestartWithoutDuplicates(t *testing.T) {
	url := startJetStream(t)
	rec := &recorder{fail: func(name string, n notify.Notification) error {
		if name == "email" && n.Time.Before(at(16)) {
			return errors.New("smtp timeout")
		}
		return nil
	}}
	first, _, lease := newProcess(t, url, "first", rec)
	for m := 0; m <= 15; m++ {
		if _, err := first.Tick(testCtx(t), at(m), webErrors); err != nil {
			t.Fatal(err)
		}
	}
	if err := lease.Release(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	second, st, _ := newProcess(t, url, "second", rec)
	for m := 16; m <= 50; m++ {
		firing := webErrors
		if m >= 48 {
			firing = nil
		}
		if active, err := second.Tick(testCtx(t), at(m), firing); err != nil || !active {
			t.Fatalf("minute %d: active %v err %v", m, active, err)
		}
	}
	want := []string{"first:0:chat:firing:0", "second:16:email:firing:1", "second:45:sms:firing:2",
		"second:48:chat:resolved:2", "second:48:email:resolved:2", "second:48:sms:resolved:2"}
	if got := rec.list(); !slices.Equal(got, want) {
		t.Errorf("sent\n got %q\nwant %q", got, want)
	}
	alerts, err := st.Alerts(testCtx(t))
	a := alerts["errors/web-1"].Alert
	if err != nil || a.State != notify.StateResolved || len(a.Log) != 7 || a.Log[1].Outcome != OutcomeFailed {
		t.Errorf("stored alert %+v %v", a, err)
	}
}

// TestLeaseFailover runs two processes on one KV: the active one stops
// renewing, the other takes over within the lease TTL and no notification
// is sent twice; the old one, coming back, stays standby.
func TestLeaseFailover(t *testing.T) {
	url := startJetStream(t)
	rec := &recorder{}
	a, _, _ := newProcess(t, url, "a", rec)
	b, _, _ := newProcess(t, url, "b", rec)
	tick := func(r *Runner, now time.Time) bool {
		t.Helper()
		active, err := r.Tick(testCtx(t), now, webErrors)
		if err != nil {
			t.Fatal(err)
		}
		return active
	}
	const step = 10 * time.Second
	now := t0
	for ; now.Before(at(10)); now = now.Add(step) {
		if !tick(a, now) || tick(b, now) {
			t.Fatalf("%s: a must be active, b standby", now.Sub(t0))
		}
	}
	died := now // a stops renewing here
	var takeover time.Time
	for ; now.Before(at(50)); now = now.Add(step) {
		if tick(b, now) && takeover.IsZero() {
			takeover = now
		}
	}
	if takeover.IsZero() || takeover.Sub(died) > 30*time.Second {
		t.Fatalf("b took over at %s after a died at %s (ttl 30s)", takeover.Sub(t0), died.Sub(t0))
	}
	if tick(a, now) {
		t.Fatal("a came back and took the lease from a live b")
	}
	want := []string{"a:0:chat:firing:0", "b:15:email:firing:1", "b:45:sms:firing:2"}
	if got := rec.list(); !slices.Equal(got, want) {
		t.Errorf("sent\n got %q\nwant %q", got, want)
	}
}

// TestLeaseRace lets several processes acquire at the same instant: exactly
// one wins.
func TestLeaseRace(t *testing.T) {
	url := startJetStream(t)
	const n = 4
	var wins sync.WaitGroup
	won := make([]bool, n)
	for i := range n {
		l, err := OpenLease(testCtx(t), connect(t, url), "", fmt.Sprintf("p%d", i), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		wins.Go(func() {
			ok, err := l.Acquire(testCtx(t), t0)
			if err != nil {
				t.Error(err)
			}
			won[i] = ok
		})
	}
	wins.Wait()
	count := 0
	for _, w := range won {
		if w {
			count++
		}
	}
	if count != 1 {
		t.Fatalf("%d processes hold the lease: %v", count, won)
	}
}

// TestStaleWriterLosesRace makes a process whose lease expired write after
// another took over: the revision check refuses the stale write.
func TestStaleWriterLosesRace(t *testing.T) {
	url := startJetStream(t)
	rec := &recorder{}
	a, sa, _ := newProcess(t, url, "a", rec)
	b, _, _ := newProcess(t, url, "b", rec)
	if active, err := a.Tick(testCtx(t), at(0), webErrors); !active || err != nil {
		t.Fatal(active, err)
	}
	stale, err := sa.Alerts(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if active, err := b.Tick(testCtx(t), at(1), webErrors); !active || err != nil {
		t.Fatal(active, err)
	}
	s := stale["errors/web-1"]
	if _, err := sa.PutAlert(testCtx(t), s.Alert, s.Revision); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale write: %v", err)
	}
}

// TestRunnerUsesStoredAcksAndSilences acknowledges and silences through
// the store, as the CLI and API will: the silence suppresses the chat
// level until it expires, the ack stops the SMS level, and a notifier
// name without a notifier is logged as refused, not retried.
func TestRunnerUsesStoredAcksAndSilences(t *testing.T) {
	url := startJetStream(t)
	rec := &recorder{}
	r, st, _ := newProcess(t, url, "p", rec)
	delete(r.notifiers, "email")
	ctx := testCtx(t)
	if err := st.PutSilence(ctx, Silence{ID: "s", Matchers: []Matcher{{Name: "query_key", Value: "web-1"}},
		StartsAt: t0, ExpiresAt: at(5), Reason: "deploy", Author: "bob"}); err != nil {
		t.Fatal(err)
	}
	for m := 0; m <= 60; m++ {
		if m == 30 {
			if err := st.PutAck(ctx, Ack{Key: webErrors[0].Key, By: "alice", At: at(30)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := r.Tick(ctx, at(m), webErrors); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := rec.list(), []string{"p:5:chat:firing:0"}; !slices.Equal(got, want) {
		t.Errorf("sent %q want %q", got, want)
	}
	alerts, err := st.Alerts(ctx)
	a := alerts["errors/web-1"].Alert
	if err != nil || a.State != notify.StateAcknowledged || a.AckedBy != "alice" || a.Silenced != 1 {
		t.Fatalf("alert %+v %v", a, err)
	}
	var outcomes []string
	for _, l := range a.Log {
		outcomes = append(outcomes, fmt.Sprintf("%s:%s", l.Notifier, l.Outcome))
	}
	if want := []string{"chat:silenced", "chat:delivered", "email:refused"}; !slices.Equal(outcomes, want) {
		t.Errorf("log %q want %q", outcomes, want)
	}
}
