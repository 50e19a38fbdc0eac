package tcpin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/queue"
)

func numbered(n int) (string, []string) {
	var b strings.Builder
	var want []string
	for i := range n {
		fmt.Fprintf(&b, "{\"message\":\"m%d\"}\n", i)
		want = append(want, fmt.Sprintf("m%d", i))
	}
	return b.String(), want
}

func TestLinesToBatches(t *testing.T) {
	pub := newRecPub()
	in := start(t, Config{BatchEvents: 2, BatchWait: time.Hour}, pub)
	data, want := numbered(5)
	if err := send(t, dial(t, in), data); err != nil {
		t.Fatalf("server did not close cleanly: %v", err)
	}
	if got := pub.sizes(); !reflect.DeepEqual(got, []int{2, 2, 1}) {
		t.Fatalf("batch sizes %v, want [2 2 1]", got)
	}
	if got := messages(pub.events()); !reflect.DeepEqual(got, want) {
		t.Fatalf("messages %v", got)
	}
	if got := testutil.ToFloat64(in.m.events); got != 5 {
		t.Fatalf("events_total = %v", got)
	}
}

func TestUnparsableLinesAreKept(t *testing.T) {
	pub := newRecPub()
	in := start(t, Config{Limits: event.Limits{MaxDepth: 2}}, pub)
	data := "hello world\n" +
		"[1,2]\n" +
		"{\"a\":\"\xff\"}\n" +
		"{\"a\":[[1]]}\n" +
		"\n  \r\n" +
		"{\"ok\":1}\r\n" +
		"{\"a\":1} trailing\n" +
		"{\"last\":true}" // no newline: accepted at EOF
	if err := send(t, dial(t, in), data); err != nil {
		t.Fatal(err)
	}
	failed := func(msg string) event.Event {
		return event.Event{"message": msg, "tags": []any{"_jsonparsefailure"}}
	}
	want := []event.Event{
		failed("hello world"),
		failed("[1,2]"),
		failed("{\"a\":\"\uFFFD\"}"),
		failed(`{"a":[[1]]}`),
		{"ok": json.Number("1")},
		failed(`{"a":1} trailing`),
		{"last": true},
	}
	if got := pub.events(); !reflect.DeepEqual(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
	if got := testutil.ToFloat64(in.m.parseFailures); got != 5 {
		t.Fatalf("parse_failures_total = %v", got)
	}
}

func TestLongLines(t *testing.T) {
	pub := newRecPub()
	in := start(t, Config{MaxLineBytes: 11}, pub)
	huge := strings.Repeat("x", 300<<10) // longer than the read buffer
	data := "0123456789ABCDEF\n" +
		"{\"a\":12345}\r\n" + // exactly 11 bytes before \r\n
		huge + "\n" +
		"{\"b\":2}\n" +
		"yyyyyyyyyyyyyyyyyyyy" // long and unterminated
	if err := send(t, dial(t, in), data); err != nil {
		t.Fatal(err)
	}
	cut := func(msg string) event.Event {
		return event.Event{"message": msg, "tags": []any{"_jsonparsefailure", "_linetoolong"}}
	}
	want := []event.Event{
		cut("0123456789A"),
		{"a": json.Number("12345")},
		cut("xxxxxxxxxxx"),
		{"b": json.Number("2")},
		cut("yyyyyyyyyyy"),
	}
	if got := pub.events(); !reflect.DeepEqual(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
	if got := testutil.ToFloat64(in.m.longLines); got != 3 {
		t.Fatalf("lines_too_long_total = %v", got)
	}
}

// TestHalfCloseDeliveryGuarantee: once the server closes after the
// sender's half-close, every line is durable, even when the queue pushed
// back in between.
func TestHalfCloseDeliveryGuarantee(t *testing.T) {
	pub := newRecPub()
	pub.fail = func(call int, _ []event.Event) error {
		if call%3 != 0 {
			return queue.ErrFull
		}
		return nil
	}
	in := start(t, Config{BatchEvents: 7, BatchWait: time.Hour}, pub)
	data, want := numbered(100)
	reply, err := sendReply(t, dial(t, in), data)
	if err != nil {
		t.Fatal(err)
	}
	if reply != `{"acknowledged":100}`+"\n" {
		t.Fatalf("server replied %q before closing, want the acknowledgement of 100 events", reply)
	}
	// no waiting: the acknowledgement itself is the confirmation
	if got := messages(pub.events()); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the server's close, %d of 100 events durable", len(got))
	}
}

func TestBackpressureNothingLostNothingDuplicated(t *testing.T) {
	pub := newRecPub()
	pub.fail = func(call int, _ []event.Event) error {
		switch {
		case call <= 3:
			return fmt.Errorf("publish: %w", queue.ErrFull)
		case call <= 5:
			return queue.ErrDiskLow
		case call == 6:
			return queue.ErrUnavailable
		}
		return nil
	}
	in := start(t, Config{BatchEvents: 10, BatchWait: time.Hour}, pub)
	data, want := numbered(50)
	if err := send(t, dial(t, in), data); err != nil {
		t.Fatal(err)
	}
	if got := messages(pub.events()); !reflect.DeepEqual(got, want) {
		t.Fatalf("messages %v\nwant %v", got, want)
	}
	for reason, n := range map[string]float64{"backpressure": 3, "unavailable": 3} {
		if got := testutil.ToFloat64(in.m.rejected.WithLabelValues("tcp", reason)); got != n {
			t.Fatalf("rejected_total{%s} = %v, want %v", reason, got, n)
		}
	}
}

func TestBatchWaitFlushesSlowSender(t *testing.T) {
	pub := newRecPub()
	in := start(t, Config{BatchEvents: 1000, BatchWait: 10 * time.Millisecond}, pub)
	c := dial(t, in)
	for i := range 3 {
		if _, err := fmt.Fprintf(c, "{\"n\":%d}\n", i); err != nil {
			t.Fatal(err)
		}
		select {
		case <-pub.notify:
		case <-time.After(20 * time.Second):
			t.Fatalf("line %d of an idle connection never published", i)
		}
	}
	if got := len(pub.events()); got != 3 {
		t.Fatalf("%d events", got)
	}
}

func TestOversizedEventsAreSplitOrDropped(t *testing.T) {
	pub := newRecPub()
	pub.fail = func(_ int, events []event.Event) error {
		for _, e := range events {
			if e.String("message") == "huge" {
				return queue.ErrTooLarge
			}
		}
		if len(events) > 2 {
			return queue.ErrTooLarge
		}
		return nil
	}
	in := start(t, Config{BatchEvents: 100, BatchWait: time.Hour}, pub)
	data := "{\"message\":\"a\"}\n{\"message\":\"b\"}\n{\"message\":\"huge\"}\n{\"message\":\"c\"}\n{\"message\":\"d\"}\n"
	if err := send(t, dial(t, in), data); err != nil {
		t.Fatal(err)
	}
	if got := messages(pub.events()); !reflect.DeepEqual(got, []string{"a", "b", "c", "d"}) {
		t.Fatalf("messages %v", got)
	}
	if got := testutil.ToFloat64(in.m.lost.WithLabelValues("tcp", "too_large")); got != 1 {
		t.Fatalf("lost{too_large} = %v", got)
	}
}

func TestMaxConnections(t *testing.T) {
	pub := newRecPub()
	in := start(t, Config{MaxConnections: 1}, pub)
	first := dial(t, in)
	gauge := in.m.connections
	waitFor(t, "the first connection to be admitted", func() bool { return testutil.ToFloat64(gauge) == 1 })
	second := dial(t, in)
	if _, err := io.ReadAll(second); err != nil && !isReset(err) {
		t.Fatalf("second connection: %v", err)
	}
	if got := testutil.ToFloat64(in.m.connRejected); got != 1 {
		t.Fatalf("connections_rejected_total = %v", got)
	}
	if err := send(t, first, "{\"a\":1}\n"); err != nil {
		t.Fatal(err)
	}
	if len(pub.events()) != 1 {
		t.Fatalf("first connection's event not published")
	}
	waitFor(t, "the gauge to drop", func() bool { return testutil.ToFloat64(gauge) == 0 })
}

func TestStartTwiceAndShutdownWithoutStart(t *testing.T) {
	in := New(Config{Addr: "127.0.0.1:0"}, newRecPub(), slogDiscard(), nil)
	for range 2 {
		if err := in.Shutdown(context.Background()); err != nil {
			t.Fatalf("Shutdown without Start: %v", err)
		}
	}
	if err := in.Start(context.Background()); err == nil {
		t.Fatal("Start after Shutdown succeeded")
	}
	started := start(t, Config{}, newRecPub())
	if err := started.Start(context.Background()); err == nil {
		t.Fatal("second Start succeeded")
	}
	if in.Addr() != nil {
		t.Fatal("Addr before Start")
	}
}

func TestStartFailsOnBusyPort(t *testing.T) {
	busy := start(t, Config{}, newRecPub())
	in := New(Config{Addr: busy.Addr().String()}, newRecPub(), slogDiscard(), nil)
	if err := in.Start(context.Background()); err == nil {
		t.Fatal("Start on a busy port succeeded")
	}
}

func isReset(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "reset") || errors.Is(err, io.ErrUnexpectedEOF))
}
