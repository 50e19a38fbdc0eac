package queue

import (
	"errors"
	"slices"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestReplayDeadLetter: the payload goes back into the queue, traced to
// its letter, and the letter is gone.
func TestReplayDeadLetter(t *testing.T) {
	q := openQueue(t, testConfig(t))
	c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	deadLetterAll(t, q, "first", "second")
	if err := q.ReplayDeadLetter(testContext(t), 2); err != nil {
		t.Fatalf("ReplayDeadLetter(2): %v", err)
	}
	msgs := fetchN(t, c, 1)
	if string(msgs[0].Data) != "dl-2" || msgs[0].msg.Headers().Get(ReplayHeader) != "2" {
		t.Fatalf("replayed message = %q, headers %v", msgs[0].Data, msgs[0].msg.Headers())
	}
	ackAll(t, msgs)
	left, err := q.DeadLetters(testContext(t), 10)
	if err != nil || !slices.Equal(seqsOf(left), []uint64{1}) {
		t.Fatalf("dead letters after replay = %v, %v; want only 1", seqsOf(left), err)
	}
	if err := q.ReplayDeadLetter(testContext(t), 2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("replaying a replayed letter = %v, want ErrNotFound", err)
	}
	if got := testutil.ToFloat64(q.metrics.replayed); got != 1 {
		t.Fatalf("replayed counter = %v, want 1", got)
	}
}

// TestReplayRetryIsStoredOnce: a replay retried after its publish was
// acknowledged (say the delete failed) does not queue the payload twice.
func TestReplayRetryIsStoredOnce(t *testing.T) {
	q := openQueue(t, testConfig(t))
	deadLetterAll(t, q, "why")
	dl, err := q.GetDeadLetter(testContext(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := q.replay(testContext(t), dl); err != nil {
			t.Fatalf("replay: %v", err)
		}
	}
	waitFor(t, "one queued message", messagesIs(q, 1))
	if got := testutil.ToFloat64(q.metrics.duplicates); got != 1 {
		t.Fatalf("duplicate publishes = %v, want 1 (the retry)", got)
	}
}

// fillQueue publishes until the queue stream is full.
func fillQueue(t *testing.T, q *Queue) {
	t.Helper()
	for _, size := range []int{4 << 10, 1} { // big messages, then the last bytes
		for i := 0; ; i++ {
			err := q.Publish(testContext(t), make([]byte, size), "")
			if errors.Is(err, ErrFull) {
				break
			}
			if err != nil || i > 1000 {
				t.Fatalf("filling the queue: publish %d of %d bytes: %v", i, size, err)
			}
		}
	}
}

// smallQueue holds 64 KiB, so that tests can fill it.
func smallQueue(t *testing.T) *Queue {
	cfg := testConfig(t)
	cfg.MaxMsgSize = 4 << 10
	cfg.MaxBytes = 64 << 10
	return openQueue(t, cfg)
}

// TestReplayFailureKeepsLetter: when the queue refuses the replay (full),
// the letter stays and the failure is counted.
func TestReplayFailureKeepsLetter(t *testing.T) {
	q := smallQueue(t)
	deadLetterAll(t, q, "why")
	fillQueue(t, q)
	if err := q.ReplayDeadLetter(testContext(t), 1); !errors.Is(err, ErrFull) {
		t.Fatalf("replay into a full queue = %v, want ErrFull", err)
	}
	if _, err := q.GetDeadLetter(testContext(t), 1); err != nil {
		t.Fatalf("letter after a failed replay: %v", err)
	}
	if got := testutil.ToFloat64(q.metrics.replayErrors); got != 1 {
		t.Fatalf("replay errors = %v, want 1", got)
	}
}

// TestReplayDeadLettersByReasonStopsAtThrough: a filtered bulk replay
// goes page by page up to the newest letter when it began, so that
// letters added meanwhile (the replay's own rejects) are left alone.
func TestReplayDeadLettersByReasonStopsAtThrough(t *testing.T) {
	q := openQueue(t, testConfig(t))
	deadLetterAll(t, q, "mapping conflict", "other", "mapping conflict")

	dry, err := q.ReplayDeadLetters(testContext(t), DeadLetterFilter{Reason: "mapping"}, true)
	if err != nil || dry.Replayed != 2 || !slices.Equal(dry.Seqs, []uint64{1, 3}) || dry.Next != 0 {
		t.Fatalf("dry run = %+v, %v", dry, err)
	}
	waitFor(t, "nothing queued by the dry run", messagesIs(q, 0))

	first, err := q.ReplayDeadLetters(testContext(t), DeadLetterFilter{Reason: "mapping", Limit: 1}, false)
	if err != nil || !slices.Equal(first.Seqs, []uint64{1}) || first.Next != 1 || first.Through != 3 {
		t.Fatalf("first page = %+v, %v", first, err)
	}
	if err := q.DeadLetter(testContext(t), []byte("dl-1"), "mapping conflict", "again"); err != nil {
		t.Fatal(err) // as if the store refused the replay again: sequence 4
	}
	rest, err := q.ReplayDeadLetters(testContext(t), DeadLetterFilter{Reason: "mapping", After: first.Next, Through: first.Through}, false)
	if err != nil || !slices.Equal(rest.Seqs, []uint64{3}) || rest.Next != 0 || len(rest.Failed) != 0 {
		t.Fatalf("second page = %+v, %v", rest, err)
	}
	left, err := q.DeadLetters(testContext(t), 10)
	if err != nil || !slices.Equal(seqsOf(left), []uint64{2, 4}) {
		t.Fatalf("left = %v, %v; want 2 and 4", seqsOf(left), err)
	}
	waitFor(t, "two replayed messages queued", messagesIs(q, 2))
}

// TestReplayDeadLetterSeqs: listed letters are replayed one by one, a
// missing one is reported and does not stop the rest.
func TestReplayDeadLetterSeqs(t *testing.T) {
	q := openQueue(t, testConfig(t))
	deadLetterAll(t, q, "a", "b")
	dry, err := q.ReplayDeadLetterSeqs(testContext(t), []uint64{2, 9}, true)
	if err != nil || dry.Replayed != 1 || len(dry.Failed) != 1 || !errors.Is(dry.Failed[0].Err, ErrNotFound) {
		t.Fatalf("dry run = %+v, %v", dry, err)
	}
	rep, err := q.ReplayDeadLetterSeqs(testContext(t), []uint64{9, 2, 1}, false)
	if err != nil || rep.Replayed != 2 || !slices.Equal(rep.Seqs, []uint64{2, 1}) || len(rep.Failed) != 1 || rep.Failed[0].Seq != 9 {
		t.Fatalf("replay = %+v, %v", rep, err)
	}
	waitFor(t, "two replayed messages queued", messagesIs(q, 2))
}

// TestBulkReplayStopsWhenQueueIsFull: a full queue stops a bulk replay at
// the first letter instead of failing every letter of the page, and Next
// resumes at that letter.
func TestBulkReplayStopsWhenQueueIsFull(t *testing.T) {
	for _, bySeqs := range []bool{false, true} {
		q := smallQueue(t)
		deadLetterAll(t, q, "a", "b", "c")
		if err := q.ReplayDeadLetter(testContext(t), 1); err != nil {
			t.Fatal(err)
		}
		fillQueue(t, q)
		var rep ReplayReport
		var err error
		if bySeqs {
			rep, err = q.ReplayDeadLetterSeqs(testContext(t), []uint64{2, 3}, false)
		} else {
			rep, err = q.ReplayDeadLetters(testContext(t), DeadLetterFilter{}, false)
		}
		if !errors.Is(err, ErrFull) || rep.Replayed != 0 || len(rep.Failed) != 1 || rep.Failed[0].Seq != 2 || rep.Next != 0 {
			t.Fatalf("bySeqs=%v: replay into a full queue = %+v, %v", bySeqs, rep, err)
		}
		if got := testutil.ToFloat64(q.metrics.replayErrors); got != 1 {
			t.Fatalf("bySeqs=%v: replay errors = %v, want 1 (the rest not tried)", bySeqs, got)
		}
		if left, err := q.DeadLetters(testContext(t), 10); err != nil || !slices.Equal(seqsOf(left), []uint64{2, 3}) {
			t.Fatalf("bySeqs=%v: left %v, %v", bySeqs, seqsOf(left), err)
		}
	}
}
