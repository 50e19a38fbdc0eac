package broker

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/queue"
)

type recorder struct {
	msgs [][]byte
	ids  []string
	err  error
}

func (r *recorder) Publish(_ context.Context, data []byte, id string) error {
	if r.err != nil {
		return r.err
	}
	r.msgs = append(r.msgs, data)
	r.ids = append(r.ids, id)
	return nil
}

func events(n int, withIDs bool) []event.Event {
	out := make([]event.Event, n)
	for i := range out {
		out[i] = event.Event{"message": strings.Repeat("x", 50)}
		if withIDs {
			out[i].Set("event.id", string(rune('a'+i)))
		}
	}
	return out
}

func TestPublishSplitsAndNames(t *testing.T) {
	q := &recorder{}
	b := New(q, 300, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	if err := b.Publish(context.Background(), "http", events(5, true)); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, m := range q.msgs {
		if len(m) > 300 {
			t.Fatalf("message of %d bytes over the 300 limit", len(m))
		}
		evs, err := event.DecodeBatch(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if e.ID() == "" || e[event.FieldTimestamp] == nil {
				t.Fatalf("event not normalized: %v", e)
			}
		}
		total += len(evs)
	}
	if total != 5 || len(q.msgs) < 2 {
		t.Fatalf("%d events in %d messages; want 5 split over several", total, len(q.msgs))
	}
	// The same events published again get the same message ids, so
	// JetStream's duplicate window drops a retried publish.
	first := append([]string(nil), q.ids...)
	q.msgs, q.ids = nil, nil
	if err := b.Publish(context.Background(), "http", events(5, true)); err != nil {
		t.Fatal(err)
	}
	for i := range first {
		if first[i] != q.ids[i] {
			t.Fatalf("message ids differ on retry: %v vs %v", first, q.ids)
		}
	}
	if got := testutil.ToFloat64(b.m.events.WithLabelValues("http")); got != 10 {
		t.Fatalf("queued events metric = %v, want 10", got)
	}
}

func TestPublishErrors(t *testing.T) {
	q := &recorder{err: queue.ErrFull}
	b := New(q, 1<<20, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	if err := b.Publish(context.Background(), "tcp", events(1, false)); !errors.Is(err, queue.ErrFull) {
		t.Fatalf("err = %v, want ErrFull", err)
	}
	if got := testutil.ToFloat64(b.m.errors.WithLabelValues("tcp", "full")); got != 1 {
		t.Fatalf("error metric = %v", got)
	}
	b = New(&recorder{}, 100, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	if err := b.Publish(context.Background(), "http", []event.Event{{"message": strings.Repeat("y", 200)}}); !errors.Is(err, queue.ErrTooLarge) {
		t.Fatalf("oversized event: err = %v, want ErrTooLarge", err)
	}
}
