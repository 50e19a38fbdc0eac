package broker

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

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

// TestPublishLinesSplitsAndNames: normalized lines are split at line
// boundaries within the message limit, kept in order, and each message is
// named by its event ids, so a retried request is deduplicated.
func TestPublishLinesSplitsAndNames(t *testing.T) {
	var data []byte
	var ids []string
	for i := range 5 {
		raw := []byte(`{"message":"` + strings.Repeat("x", 50) + `","event":{"id":"` + string(rune('a'+i)) + `"}}`)
		var id string
		var err error
		if data, id, err = event.NormalizeLine(data, raw, event.Limits{}, time.Now()); err != nil {
			t.Fatal(err)
		}
		data, ids = append(data, '\n'), append(ids, id)
	}
	publish := func() *recorder {
		q := &recorder{}
		b := New(q, 300, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
		if err := b.PublishLines(context.Background(), "http", data, ids); err != nil {
			t.Fatal(err)
		}
		return q
	}
	q, again := publish(), publish()
	var joined []byte
	for i, m := range q.msgs {
		if len(m) > 300 || len(m) == 0 || m[len(m)-1] != '\n' {
			t.Fatalf("message %d: %d bytes, %q", i, len(m), m)
		}
		joined = append(joined, m...)
	}
	if string(joined) != string(data) || len(q.msgs) < 2 {
		t.Fatalf("%d messages, joined %q", len(q.msgs), joined)
	}
	if strings.Join(q.ids, ",") != strings.Join(again.ids, ",") || q.ids[0] == q.ids[1] {
		t.Fatalf("message ids %v then %v", q.ids, again.ids)
	}
	b := New(&recorder{}, 300, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	if err := b.PublishLines(context.Background(), "http", data, ids[:2]); err == nil {
		t.Fatal("lines without ids were published")
	}
}
