package indexer

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/queue"
	"github.com/logstack/logstack/internal/store"
)

// slowStore holds every write until release is closed.
type slowStore struct {
	*memStore
	started chan struct{}
	release chan struct{}
}

func (s *slowStore) Write(ctx context.Context, evs []event.Event) (store.WriteResult, error) {
	select {
	case s.started <- struct{}{}:
	default:
	}
	select {
	case <-s.release:
		return s.memStore.Write(ctx, evs)
	case <-ctx.Done():
		return store.WriteResult{}, ctx.Err()
	}
}

// TestSlowWriteKeepsItsBatch: a store write that outlasts AckWait does
// not let the queue hand the batch to another indexer sharing the
// consumer, because the indexer keeps telling the queue it is working.
func TestSlowWriteKeepsItsBatch(t *testing.T) {
	const ackWait = 2 * time.Second
	q := openQueue(t)
	opts := queue.ConsumerOptions{AckWait: ackWait}
	cons, err := q.Consumer(context.Background(), "indexer", opts)
	if err != nil {
		t.Fatal(err)
	}
	st := &slowStore{memStore: &memStore{ids: map[string]int{}}, started: make(chan struct{}, 1), release: make(chan struct{})}
	ix := New(Config{BatchEvents: 100, BatchWait: 20 * time.Millisecond, AckWait: ackWait}, cons, st, q,
		slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); ix.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	publish(t, q, "m1", "slow")
	<-st.started
	other, err := q.Consumer(context.Background(), "indexer", opts)
	if err != nil {
		t.Fatal(err)
	}
	// Two AckWaits pass while the write hangs; the other indexer must get
	// nothing.
	deadline := time.Now().Add(2 * ackWait)
	for time.Now().Before(deadline) {
		msgs, err := other.Fetch(context.Background(), 10, time.Until(deadline))
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) > 0 {
			t.Fatalf("batch redelivered to another indexer during a slow write (delivery %d)", msgs[0].Delivered)
		}
	}
	close(st.release)
	waitFor(t, "the slow batch to commit", func() bool { return st.count() == 1 && pending(t, q) == 0 })
}
