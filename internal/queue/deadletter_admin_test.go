package queue

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// deadLetterAll stores one dead letter per reason, payload "dl-<i>" and id
// "dl-<i>", i from 1, so that letter i has sequence i.
func deadLetterAll(t testing.TB, q *Queue, reasons ...string) {
	t.Helper()
	for i, r := range reasons {
		if err := q.DeadLetter(testContext(t), fmt.Appendf(nil, "dl-%d", i+1), r, fmt.Sprintf("dl-%d", i+1)); err != nil {
			t.Fatalf("DeadLetter %d: %v", i+1, err)
		}
	}
}

// seqsOf lists the letters' sequences.
func seqsOf(letters []DeadLetter) []uint64 {
	out := make([]uint64, len(letters))
	for i, l := range letters {
		out[i] = l.Seq
	}
	return out
}

func TestListDeadLettersFilters(t *testing.T) {
	q := openQueue(t, testConfig(t))
	deadLetterAll(t, q, "mapping conflict: a", "decode error", "Mapping Conflict: b", "decode error", "mapping conflict: c")
	if err := q.DeleteDeadLetter(testContext(t), 2); err != nil {
		t.Fatal(err)
	}
	f := func(filter DeadLetterFilter, wantSeqs []uint64, wantNext, wantThrough uint64) {
		t.Helper()
		page, err := q.ListDeadLetters(testContext(t), filter)
		if err != nil {
			t.Fatalf("ListDeadLetters(%+v): %v", filter, err)
		}
		if got := seqsOf(page.Letters); !slices.Equal(got, wantSeqs) || page.Next != wantNext || page.Through != wantThrough || page.Total != 4 {
			t.Errorf("ListDeadLetters(%+v) = seqs %v next %d through %d total %d, want %v next %d through %d total 4",
				filter, got, page.Next, page.Through, page.Total, wantSeqs, wantNext, wantThrough)
		}
	}
	f(DeadLetterFilter{}, []uint64{1, 3, 4, 5}, 0, 5)
	f(DeadLetterFilter{Limit: 2}, []uint64{1, 3}, 3, 5)
	f(DeadLetterFilter{Limit: 2, After: 3}, []uint64{4, 5}, 0, 5)
	f(DeadLetterFilter{Reason: "MAPPING conflict"}, []uint64{1, 3, 5}, 0, 5)
	f(DeadLetterFilter{Reason: "mapping", Limit: 1, After: 1}, []uint64{3}, 3, 5)
	f(DeadLetterFilter{Reason: "mapping", Through: 4}, []uint64{1, 3}, 0, 4)
	f(DeadLetterFilter{Reason: "nothing like it"}, nil, 0, 5)
	f(DeadLetterFilter{After: 5}, nil, 0, 5)
}

func TestGetAndDeleteDeadLetter(t *testing.T) {
	q := openQueue(t, testConfig(t))
	deadLetterAll(t, q, "bad value")
	dl, err := q.GetDeadLetter(testContext(t), 1)
	if err != nil || dl.Seq != 1 || dl.ID != "dl-1" || dl.Reason != "bad value" || string(dl.Data) != "dl-1" || dl.Time.IsZero() {
		t.Fatalf("GetDeadLetter(1) = %+v, %v", dl, err)
	}
	if _, err := q.GetDeadLetter(testContext(t), 7); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetDeadLetter(7) = %v, want ErrNotFound", err)
	}
	if err := q.DeleteDeadLetter(testContext(t), 1); err != nil {
		t.Fatalf("DeleteDeadLetter(1): %v", err)
	}
	if err := q.DeleteDeadLetter(testContext(t), 1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second DeleteDeadLetter(1) = %v, want ErrNotFound", err)
	}
	if _, err := q.GetDeadLetter(testContext(t), 1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetDeadLetter after delete = %v, want ErrNotFound", err)
	}
	if got := testutil.ToFloat64(q.metrics.deleted); got != 1 {
		t.Fatalf("deleted counter = %v, want 1", got)
	}
}
