package tcpin

import (
	"context"
	"errors"
	"io"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/event"
)

// received waits until the input has read n bytes, so that they are in the
// process and not in a kernel buffer when the test goes on.
func received(t *testing.T, in *Input, n int) {
	t.Helper()
	waitFor(t, "the input to read the data", func() bool {
		return testutil.ToFloat64(in.m.bytes) == float64(n)
	})
}

func TestShutdownFlushesAndClosesCleanly(t *testing.T) {
	pub := newRecPub()
	in := start(t, Config{BatchEvents: 1000, BatchWait: time.Hour}, pub)
	c := dial(t, in)
	data, want := numbered(3)
	if _, err := io.WriteString(c, data); err != nil {
		t.Fatal(err)
	}
	received(t, in, len(data))
	if err := in.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := messages(pub.events()); !reflect.DeepEqual(got, want) {
		t.Fatalf("after Shutdown: %v", got)
	}
	if _, err := io.ReadAll(c); err != nil {
		t.Fatalf("client saw %v, want a clean close", err)
	}
}

// A line half received at shutdown cannot be confirmed: the connection is
// reset so the sender does not take the close as delivery.
func TestShutdownWithPartialLineResets(t *testing.T) {
	pub := newRecPub()
	in := start(t, Config{BatchEvents: 1000, BatchWait: time.Hour}, pub)
	c := dial(t, in)
	data := "{\"message\":\"whole\"}\n{\"message\":\"hal"
	if _, err := io.WriteString(c, data); err != nil {
		t.Fatal(err)
	}
	received(t, in, len(data))
	if err := in.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := messages(pub.events()); !reflect.DeepEqual(got, []string{"whole"}) {
		t.Fatalf("published %v", got)
	}
	if _, err := io.ReadAll(c); !isReset(err) {
		t.Fatalf("client saw %v, want a reset", err)
	}
}

func TestShutdownDeadlineCountsLostEvents(t *testing.T) {
	pub := newRecPub()
	called := make(chan struct{}, 1)
	pub.fail = func(int, []event.Event) error {
		select {
		case called <- struct{}{}:
		default:
		}
		return errors.New("queue stuck")
	}
	in := start(t, Config{BatchEvents: 1000, BatchWait: time.Hour}, pub)
	c := dial(t, in)
	if _, err := io.WriteString(c, "{\"a\":1}\n{\"a\":2}\n"); err != nil {
		t.Fatal(err)
	}
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	<-called
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the deadline has passed
	err := in.Shutdown(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Shutdown = %v, want the deadline's cause", err)
	}
	if got := testutil.ToFloat64(in.m.lost.WithLabelValues("tcp", "shutdown")); got != 2 {
		t.Fatalf("lost{shutdown} = %v", got)
	}
	if _, err := io.ReadAll(c); !isReset(err) {
		t.Fatalf("client saw %v after its events were lost, want a reset", err)
	}
	if err2 := in.Shutdown(context.Background()); err2 != err {
		t.Fatalf("second Shutdown = %v, want the first's result", err2)
	}
}

func TestCheck(t *testing.T) {
	in := New(Config{Addr: "127.0.0.1:0"}, newRecPub(), slogDiscard(), nil)
	if err := in.Check(context.Background()); err == nil {
		t.Fatal("Check passed before Start")
	}
	pub := newRecPub()
	in = start(t, Config{}, pub)
	errs := make(chan error, 20)
	for range cap(errs) {
		go func() { errs <- in.Check(context.Background()) }()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Fatalf("Check on a healthy input: %v", err)
		}
	}
	if len(pub.events()) != 0 || testutil.ToFloat64(in.m.connections) != 0 {
		t.Fatal("probes counted as client connections or events")
	}
	// the accept loop dies behind Shutdown's back
	_ = in.ln.Close()
	<-in.loopDone
	err := in.Check(context.Background())
	if err == nil || !strings.Contains(err.Error(), "accept loop stopped") {
		t.Fatalf("Check after the accept loop died = %v", err)
	}
}

func TestCheckAtConnectionLimit(t *testing.T) {
	in := start(t, Config{MaxConnections: 1}, newRecPub())
	dial(t, in)
	waitFor(t, "the client to be admitted", func() bool {
		return testutil.ToFloat64(in.m.connections) == 1
	})
	if err := in.Check(context.Background()); err != nil {
		t.Fatalf("Check with the connection limit reached: %v", err)
	}
}

func TestCheckAfterShutdown(t *testing.T) {
	in := start(t, Config{}, newRecPub())
	if err := in.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := in.Check(context.Background()); err == nil {
		t.Fatal("Check passed after Shutdown")
	}
}

// wedged is a listener whose accept loop is stuck: the kernel still
// completes handshakes on the port, but nothing is ever accepted.
type wedged struct {
	net.Listener
	release chan struct{}
}

func (w wedged) Accept() (net.Conn, error) {
	<-w.release
	return nil, net.ErrClosed
}

func TestCheckNoticesWedgedAcceptLoop(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	w := wedged{ln, make(chan struct{})}
	in := New(Config{}, newRecPub(), slogDiscard(), nil)
	in.ln = w
	go in.acceptLoop(w)
	defer func() { close(w.release); <-in.loopDone }()
	err = in.Check(context.Background())
	if err == nil || !strings.Contains(err.Error(), "not accepted within 1s") {
		t.Fatalf("Check with a wedged accept loop = %v", err)
	}
}
