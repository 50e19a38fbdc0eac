package alerter

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/notify"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

var t0 = time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC)

// escalating is the test policy: chat at once, email after 5 minutes.
var escalating = alert.Policy{Name: "escalating", Levels: []alert.Level{
	{Notifiers: []string{"chat"}},
	{Delay: 5 * time.Minute, Notifiers: []string{"email"}},
}}

// fastConfig loops every few milliseconds of real time; the alert engine
// sees only the fake clock, so nothing in the tests depends on timing.
func fastConfig(c *fakeClock) Config {
	return Config{RunEvery: 5 * time.Millisecond, TickEvery: 5 * time.Millisecond, StallAfter: time.Hour, Clock: c.Now}
}

// fakeClock is the time the services and the engine see.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *fakeClock { return &fakeClock{now: t0} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// startJetStream runs an embedded nats-server with JetStream on a loopback
// port and returns it (stopped by t.Cleanup).
func startJetStream(t *testing.T) *server.Server {
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
	return srv
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// recorder records what every notifier of every process delivered, as
// "process:notifier:alert_key:state:level" lines.
type recorder struct {
	mu   sync.Mutex
	sent []string
}

func (r *recorder) notifier(process, name string) notify.Notifier {
	return notify.NotifierFunc(func(_ context.Context, n notify.Notification) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.sent = append(r.sent, fmt.Sprintf("%s:%s:%s:%s:%d", process, name, n.AlertKey, n.State, n.Level))
		return nil
	})
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.sent)
}

// process is one alerter process with its own NATS connection, store,
// lease, runner and metrics.
type process struct {
	name   string
	svc    *Service
	store  *alert.KVStore
	reg    *prometheus.Registry
	cancel context.CancelFunc
	done   chan error
}

// newProcess builds a process; wrap, if not nil, wraps its store.
func newProcess(t *testing.T, url, name string, cfg Config, rec *recorder, evals map[string]Evaluator, log *slog.Logger, wrap func(alert.Store) alert.Store) *process {
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
	st, err := alert.OpenKVStore(testCtx(t), js, "")
	if err != nil {
		t.Fatal(err)
	}
	lease, err := alert.OpenLease(testCtx(t), js, "", name, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := alert.NewEngine(alert.Config{Policies: []alert.Policy{escalating}, DefaultPolicy: escalating.Name})
	if err != nil {
		t.Fatal(err)
	}
	var store alert.Store = st
	if wrap != nil {
		store = wrap(st)
	}
	notifiers := map[string]notify.Notifier{"chat": rec.notifier(name, "chat"), "email": rec.notifier(name, "email")}
	reg := prometheus.NewRegistry()
	runner := alert.NewRunner(eng, store, lease, notifiers, nil, reg)
	svc, err := New(cfg, evals, runner, log, reg)
	if err != nil {
		t.Fatal(err)
	}
	return &process{name: name, svc: svc, store: st, reg: reg}
}

// start runs the process until stop or the end of the test.
func (p *process) start(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p.cancel, p.done = cancel, make(chan error, 1)
	go func() { p.done <- p.svc.Run(ctx) }()
	t.Cleanup(func() { p.stop(t) })
}

// stop cancels Run and waits for it; safe to call twice.
func (p *process) stop(t *testing.T) {
	t.Helper()
	if p.cancel == nil {
		return
	}
	p.cancel()
	p.cancel = nil
	if err := <-p.done; err != nil {
		t.Errorf("%s: Run: %v", p.name, err)
	}
}

// metric sums the samples of a counter or gauge whose labels include
// labels (name=value pairs).
func (p *process) metric(t *testing.T, name string, labels ...string) float64 {
	t.Helper()
	mfs, err := p.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	samples:
		for _, m := range mf.GetMetric() {
			have := map[string]string{}
			for _, l := range m.GetLabel() {
				have[l.GetName()] = l.GetValue()
			}
			for i := 0; i+1 < len(labels); i += 2 {
				if have[labels[i]] != labels[i+1] {
					continue samples
				}
			}
			sum += m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	return sum
}

// ticks is how many ticks (of any outcome) the process ran.
func (p *process) ticks(t *testing.T) float64 {
	return p.metric(t, "logstack_alerter_ticks_total")
}

// waitTicks waits until the process ran n more ticks, so that a check
// after it covers several chances to misbehave.
func (p *process) waitTicks(t *testing.T, n float64) {
	t.Helper()
	from := p.ticks(t)
	waitFor(t, fmt.Sprintf("%s to tick %v more times", p.name, n), func() bool { return p.ticks(t) >= from+n })
}

// waitFor polls cond until it holds, failing the test after 20 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// firing is an evaluator whose result the test sets.
type firing struct {
	mu      sync.Mutex
	matches []alert.Match
	err     error
	calls   int
}

func (f *firing) set(err error, keys ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err, f.matches = err, nil
	for _, k := range keys {
		f.matches = append(f.matches, alert.Match{Key: alert.Key{Rule: k}, Subject: k + " fires"})
	}
}

func (f *firing) Evaluate(context.Context, time.Time) ([]alert.Match, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.err != nil {
		return nil, f.err
	}
	return slices.Clone(f.matches), nil
}

func (f *firing) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// logCounter is a slog handler counting records per message.
type logCounter struct {
	mu   sync.Mutex
	msgs map[string]int
}

func newLogCounter() *logCounter { return &logCounter{msgs: map[string]int{}} }

func (l *logCounter) Enabled(context.Context, slog.Level) bool { return true }
func (l *logCounter) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs[r.Message]++
	return nil
}
func (l *logCounter) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logCounter) WithGroup(string) slog.Handler      { return l }

func (l *logCounter) count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.msgs[msg]
}

func newSlog(h slog.Handler) *slog.Logger { return slog.New(h) }
