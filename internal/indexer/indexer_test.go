package indexer

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/queue"
	"github.com/logstack/logstack/internal/store"
)

// memStore is a store double: it records committed event ids, fails on
// demand and rejects events whose message says so. The real stores are
// tested against their backends; here we test the indexer's contract.
type memStore struct {
	store.Store
	mu       sync.Mutex
	ids      map[string]int
	failures int
}

func (m *memStore) Write(_ context.Context, evs []event.Event) (store.WriteResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failures > 0 {
		m.failures--
		return store.WriteResult{}, errors.New("disk hiccup")
	}
	var res store.WriteResult
	for i, e := range evs {
		if e["message"] == "poison" {
			res.Rejected = append(res.Rejected, store.Rejection{Index: i, Reason: "field x: want long"})
			continue
		}
		if m.ids[e.ID()] > 0 {
			res.Duplicates++
			continue
		}
		m.ids[e.ID()]++
		res.Written++
	}
	return res, nil
}

func (m *memStore) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.ids)
}

func openQueue(t *testing.T) *queue.Queue {
	t.Helper()
	cfg := queue.DefaultConfig()
	cfg.Dir = t.TempDir()
	cfg.MinFreeDisk = 0
	q, err := queue.Open(context.Background(), cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = q.Close() })
	return q
}

func publish(t *testing.T, q *queue.Queue, id string, msgs ...string) {
	t.Helper()
	var evs []event.Event
	for _, m := range msgs {
		e := event.Event{"message": m}
		event.Normalize(e, time.Now())
		evs = append(evs, e)
	}
	data, err := event.EncodeBatch(evs)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Publish(context.Background(), data, id); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, q *queue.Queue, st store.Store) *Indexer {
	t.Helper()
	cons, err := q.Consumer(context.Background(), "indexer", queue.ConsumerOptions{AckWait: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ix := New(Config{BatchEvents: 100, BatchWait: 20 * time.Millisecond}, cons, st, q,
		slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); ix.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return ix
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func pending(t *testing.T, q *queue.Queue) uint64 {
	st, err := q.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Messages
}

// TestRetriesUntilCommitted: store failures are retried, readiness reports
// them meanwhile, and messages leave the queue only after the commit.
func TestRetriesUntilCommitted(t *testing.T) {
	q := openQueue(t)
	st := &memStore{ids: map[string]int{}, failures: 3}
	publish(t, q, "m1", "a", "b")
	publish(t, q, "m2", "c")
	ix := run(t, q, st)
	waitFor(t, "readiness to report the failing store", func() bool {
		err := ix.Check(context.Background())
		return err != nil && strings.Contains(err.Error(), "disk hiccup")
	})
	waitFor(t, "3 events committed", func() bool { return st.count() == 3 })
	waitFor(t, "the queue to empty", func() bool { return pending(t, q) == 0 })
	if err := ix.Check(context.Background()); err != nil {
		t.Fatalf("still unready after recovery: %v", err)
	}
	if got := testutil.ToFloat64(ix.m.errors.WithLabelValues("store_retryable")); got != 3 {
		t.Fatalf("retryable errors counted %v, want 3", got)
	}
}

// TestDeadLetters: a refused event and an undecodable message go to the
// dead-letter stream with their reasons; the rest is committed and acked.
func TestDeadLetters(t *testing.T) {
	q := openQueue(t)
	st := &memStore{ids: map[string]int{}}
	publish(t, q, "m1", "fine", "poison", "also fine")
	if err := q.Publish(context.Background(), []byte("{not json\n"), "m2"); err != nil {
		t.Fatal(err)
	}
	run(t, q, st)
	waitFor(t, "the queue to empty", func() bool { return pending(t, q) == 0 })
	if st.count() != 2 {
		t.Fatalf("committed %d events, want 2", st.count())
	}
	dls, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]bool{}
	for _, d := range dls {
		reasons[d.Reason] = true
		if strings.Contains(d.Reason, "want long") && !strings.Contains(string(d.Data), `"poison"`) {
			t.Fatalf("dead letter lost the event: %s", d.Data)
		}
	}
	if len(dls) != 2 || !reasons["field x: want long"] {
		t.Fatalf("dead letters %v", reasons)
	}
}

// TestReplayedRejectIsDeadLetteredAgain: an event replayed from the dead
// letters and refused again comes back as a new dead letter (it is a new
// queue message), rather than being taken for a duplicate of the letter
// the replay deleted, which would lose it.
func TestReplayedRejectIsDeadLetteredAgain(t *testing.T) {
	q := openQueue(t)
	st := &memStore{ids: map[string]int{}}
	publish(t, q, "m1", "poison")
	run(t, q, st)
	letters := func(want int) func() bool {
		return func() bool {
			dls, err := q.DeadLetters(context.Background(), 10)
			return err == nil && len(dls) == want
		}
	}
	waitFor(t, "the first dead letter", letters(1))
	dls, _ := q.DeadLetters(context.Background(), 10)
	first := dls[0]
	for range 2 {
		if err := q.ReplayDeadLetter(context.Background(), first.Seq); err != nil && !errors.Is(err, queue.ErrNotFound) {
			t.Fatal(err)
		}
		waitFor(t, "the replay to be refused again", letters(1))
		dls, _ = q.DeadLetters(context.Background(), 10)
		if dls[0].Seq == first.Seq || string(dls[0].Data) != string(first.Data) || dls[0].Reason != first.Reason {
			t.Fatalf("after replay: %+v, want a new letter like %+v", dls[0], first)
		}
		first = dls[0]
	}
}

// TestDrainIndexesWhatIsQueued: Drain keeps going until the queue is empty.
func TestDrainIndexesWhatIsQueued(t *testing.T) {
	q := openQueue(t)
	st := &memStore{ids: map[string]int{}}
	ix := run(t, q, st)
	for i := 0; i < 20; i++ {
		publish(t, q, "", "x", "y")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := ix.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if st.count() != 40 || pending(t, q) != 0 {
		t.Fatalf("after Drain: %d committed, %d still queued", st.count(), pending(t, q))
	}
}

// TestReadinessNoticesBacklog: an indexer that fetches nothing while
// messages wait (a broken consumer) fails readiness.
func TestReadinessNoticesBacklog(t *testing.T) {
	ix := New(Config{StallAfter: time.Millisecond, Backlog: func(context.Context) (uint64, error) { return 7, nil }},
		nil, &memStore{}, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	time.Sleep(5 * time.Millisecond)
	ix.state.lastProgress.Store(time.Now().UnixNano()) // fetches keep returning, empty
	if err := ix.Check(context.Background()); err == nil || !strings.Contains(err.Error(), "7 queue messages waiting") {
		t.Fatalf("Check = %v, want the waiting backlog reported", err)
	}
	ix.cfg.Backlog = func(context.Context) (uint64, error) { return 0, nil }
	if err := ix.Check(context.Background()); err != nil {
		t.Fatalf("idle indexer with an empty queue: %v", err)
	}
}

// lineStore is memStore taking the queue's lines (a LineWriter), as
// store/duckdb does; it refuses lines that are not JSON.
type lineStore struct{ memStore }

func (l *lineStore) WriteLines(ctx context.Context, lines [][]byte) (store.WriteResult, error) {
	evs := make([]event.Event, len(lines))
	var bad []store.Rejection
	for i, line := range lines {
		e, err := event.Parse(line, event.Limits{})
		if err != nil {
			bad = append(bad, store.Rejection{Index: i, Reason: "undecodable: " + err.Error()})
			e = event.Event{"message": "poison"} // rejected below too; reported once
		}
		evs[i] = e
	}
	res, err := l.Write(ctx, evs)
	if err != nil {
		return res, err
	}
	rej := res.Rejected[:0]
	for _, r := range res.Rejected {
		if evs[r.Index].ID() != "" {
			rej = append(rej, r)
		}
	}
	res.Rejected = append(rej, bad...)
	return res, nil
}

// TestLineWriterGetsLines: a LineWriter store receives the queue's lines
// undecoded; what it refuses, a refused event or a line that is not JSON,
// is dead-lettered line by line with its reason, the rest is committed.
func TestLineWriterGetsLines(t *testing.T) {
	q := openQueue(t)
	st := &lineStore{memStore{ids: map[string]int{}}}
	publish(t, q, "m1", "fine", "poison", "also fine")
	if err := q.Publish(context.Background(), []byte("{not json\n\n"+`{"message":"x","event":{"id":"z"}}`+"\n"), "m2"); err != nil {
		t.Fatal(err)
	}
	run(t, q, st)
	waitFor(t, "the queue to empty", func() bool { return pending(t, q) == 0 })
	if st.count() != 3 {
		t.Fatalf("committed %d events, want 3", st.count())
	}
	dls, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range dls {
		got[string(d.Data)] = d.Reason
	}
	if len(dls) != 2 || got["{not json"] == "" || !strings.HasPrefix(got["{not json"], "undecodable") {
		t.Fatalf("dead letters %v", got)
	}
}
