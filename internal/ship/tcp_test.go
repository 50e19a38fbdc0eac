package ship_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/logfile"
	"github.com/logstack/logstack/internal/ship"
)

// slowBroker is a json_lines receiver that starts listening late, accepts
// late, and holds each receipt until the test releases it: the conditions
// under which the reference Lambda lost small files.
type slowBroker struct {
	addr     string
	mu       sync.Mutex
	lines    []string
	ackSent  bool
	release  chan struct{}
	received chan struct{} // closed when a connection reached EOF
	ack      func(n int) string
	l        net.Listener
	once     sync.Once
}

// unblock lets the broker goroutine finish whatever state the test left.
func (b *slowBroker) unblock() {
	b.once.Do(func() { close(b.release) })
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.l != nil {
		b.l.Close()
	}
}

func newSlowBroker(t *testing.T, listenAfter, acceptAfter time.Duration) *slowBroker {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &slowBroker{addr: l.Addr().String(), release: make(chan struct{}), received: make(chan struct{}),
		ack: func(n int) string { return fmt.Sprintf("{\"acknowledged\":%d}\n", n) }}
	l.Close() // nothing listens until listenAfter: dials are refused
	done := make(chan struct{})
	t.Cleanup(func() {
		b.unblock()
		<-done
	})
	go func() {
		defer close(done)
		time.Sleep(listenAfter)
		l, err := net.Listen("tcp", b.addr)
		if err != nil {
			t.Error(err)
			return
		}
		b.mu.Lock()
		b.l = l
		b.mu.Unlock()
		time.Sleep(acceptAfter) // connections wait in the backlog
		c, err := l.Accept()
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close()
		b.serve(c)
	}()
	return b
}

func (b *slowBroker) serve(c net.Conn) {
	data, _ := io.ReadAll(c) // until the sender's half-close
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	b.mu.Lock()
	b.lines = lines
	b.mu.Unlock()
	close(b.received)
	<-b.release
	b.mu.Lock()
	b.ackSent = true
	b.mu.Unlock()
	_, _ = io.WriteString(c, b.ack(len(lines)))
}

func newTCP(t *testing.T, addr string) *ship.TCP {
	t.Helper()
	s, err := ship.NewTCP(ship.TCPConfig{Addr: addr, Retry: ship.Retry{MaxAttempts: 1000, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}},
		slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTCPSlowBrokerGetsEveryEventOfASmallFile(t *testing.T) {
	b := newSlowBroker(t, 200*time.Millisecond, 200*time.Millisecond)
	sender := newTCP(t, b.addr)
	p := logfile.NewProcessor(logfile.Config{NewParser: plainParser}, sender, slog.New(slog.DiscardHandler), nil)
	type result struct {
		sum logfile.Summary
		err error
	}
	done := make(chan result, 1)
	go func() {
		sum, err := p.Process(context.Background(), logfile.Object{Key: "ci/small.log"}, strings.NewReader("one\ntwo\nthree\n"))
		done <- result{sum, err}
	}()
	select {
	case <-b.received:
	case r := <-done:
		t.Fatalf("Process ended before the broker received anything: %+v %v", r.sum, r.err)
	}
	select {
	case r := <-done:
		t.Fatalf("Process returned before the receipt: %+v %v", r.sum, r.err)
	default:
	}
	b.unblock()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.ackSent || len(b.lines) != 3 || r.sum.Events != 3 || r.sum.ConnFailures == 0 {
		t.Fatalf("broker got %d lines (receipt sent %v), summary %+v", len(b.lines), b.ackSent, r.sum)
	}
	for i, want := range []string{"one", "two", "three"} {
		var e map[string]any
		if err := json.Unmarshal([]byte(b.lines[i]), &e); err != nil || e["message"] != want || e["event"] == nil {
			t.Fatalf("line %d: %s (%v)", i, b.lines[i], err)
		}
	}
}

func TestTCPReceiptChecked(t *testing.T) {
	f := func(name, reply string, wantInErr string) {
		t.Run(name, func(t *testing.T) {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			go func() {
				for {
					c, err := l.Accept()
					if err != nil {
						return
					}
					_, _ = io.Copy(io.Discard, bufio.NewReader(c))
					_, _ = io.WriteString(c, reply)
					c.Close()
				}
			}()
			s, err := ship.NewTCP(ship.TCPConfig{Addr: l.Addr().String(), Retry: ship.Retry{MaxAttempts: 2}}, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			waits := ship.RecordSleeps(s)
			err = s.Deliver(context.Background(), events(3))
			if !errors.Is(err, ship.ErrNoReceipt) || !errors.Is(err, ship.ErrGaveUp) || !strings.Contains(err.Error(), wantInErr) || len(*waits) != 1 {
				t.Fatalf("err %v, waits %v", err, *waits)
			}
		})
	}
	f("bare close", "", "EOF")
	f("partial", "{\"acknowledged\":2}\n", "acknowledged 2 of 3")
	f("garbage", "hello\n", "unexpected line")
}
