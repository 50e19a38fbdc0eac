package queue

import (
	"strings"
	"testing"
)

func TestDeadLetterAndList(t *testing.T) {
	q := openQueue(t, testConfig(t))
	letters := []struct{ data, reason, id string }{
		{"bad-1", "mapping conflict:\nfield x is long", "id-1"},
		{"bad-2", "", "id-2"},
		{"bad-1", "retry of the first", "id-1"}, // deduplicated
		{"bad-3", strings.Repeat("r", 5000), ""},
	}
	for _, l := range letters {
		if err := q.DeadLetter(testContext(t), []byte(l.data), l.reason, l.id); err != nil {
			t.Fatalf("DeadLetter(%q): %v", l.data, err)
		}
	}

	got, err := q.DeadLetters(testContext(t), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []DeadLetter{
		{Seq: 1, ID: "id-1", Reason: "mapping conflict: field x is long", Data: []byte("bad-1")},
		{Seq: 2, ID: "id-2", Reason: "unspecified", Data: []byte("bad-2")},
		{Seq: 3, ID: "", Reason: strings.Repeat("r", maxReasonLen), Data: []byte("bad-3")},
	}
	if len(got) != len(want) {
		t.Fatalf("DeadLetters = %d letters, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Seq != w.Seq || g.ID != w.ID || g.Reason != w.Reason || string(g.Data) != string(w.Data) || g.Time.IsZero() {
			t.Errorf("letter %d = %+v, want %+v", i, g, w)
		}
	}

	if first, err := q.DeadLetters(testContext(t), 1); err != nil || len(first) != 1 || first[0].Seq != 1 {
		t.Fatalf("DeadLetters(limit 1) = %+v, %v", first, err)
	}
	st, err := q.Stats(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.DeadLetterMessages != 3 || st.Messages != 0 {
		t.Fatalf("Stats = %+v, want 3 dead letters and an empty queue", st)
	}
}

func TestDeadLettersEmpty(t *testing.T) {
	q := openQueue(t, testConfig(t))
	got, err := q.DeadLetters(testContext(t), 0)
	if err != nil || len(got) != 0 {
		t.Fatalf("DeadLetters on an empty stream = %+v, %v", got, err)
	}
}
