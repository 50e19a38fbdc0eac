package tcpin

import (
	"context"
	"io"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
)

// recPub records published batches. fail, when set, is consulted before
// each publish and may return an error instead of accepting.
type recPub struct {
	mu      sync.Mutex
	batches [][]event.Event
	calls   int
	fail    func(call int, events []event.Event) error
	notify  chan struct{}
}

func newRecPub() *recPub { return &recPub{notify: make(chan struct{}, 1000)} }

func (p *recPub) Publish(ctx context.Context, _ string, events []event.Event) error {
	p.mu.Lock()
	p.calls++
	call, fail := p.calls, p.fail
	p.mu.Unlock()
	if fail != nil {
		if err := fail(call, events); err != nil {
			return err
		}
	}
	p.mu.Lock()
	p.batches = append(p.batches, events)
	p.mu.Unlock()
	p.notify <- struct{}{}
	return nil
}

func (p *recPub) events() []event.Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []event.Event
	for _, b := range p.batches {
		out = append(out, b...)
	}
	return out
}

func (p *recPub) sizes() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []int
	for _, b := range p.batches {
		out = append(out, len(b))
	}
	return out
}

func start(t *testing.T, cfg Config, pub *recPub) *Input {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	in := New(cfg, pub, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	in.backoff = backoff{min: time.Millisecond, max: 4 * time.Millisecond}
	if err := in.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = in.Shutdown(ctx)
	})
	return in
}

func dial(t *testing.T, in *Input) *net.TCPConn {
	t.Helper()
	c, err := net.Dial("tcp", in.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c.(*net.TCPConn)
}

// send writes data, half-closes and waits for the server's close: the
// delivery protocol of the package doc. It returns the read error (nil for
// a clean close).
func send(t *testing.T, c *net.TCPConn, data string) error {
	t.Helper()
	_, err := sendReply(t, c, data)
	return err
}

// sendReply writes data, half-closes and returns what the server wrote
// back before closing: the acknowledgement line.
func sendReply(t *testing.T, c *net.TCPConn, data string) (string, error) {
	t.Helper()
	if _, err := io.WriteString(c, data); err != nil {
		t.Fatal(err)
	}
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	reply, err := io.ReadAll(c)
	return string(reply), err
}

// waitFor polls cond until it holds; it is not a timing assertion, the
// generous limit only keeps a broken test from hanging.
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

func messages(events []event.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.String("message"))
	}
	return out
}

func slogDiscard() *slog.Logger { return slog.New(slog.DiscardHandler) }
