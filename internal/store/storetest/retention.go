package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// retentionEvents are days apart around the cutoff of testRetention
// (2026-11-09T12:00Z): r1 to r3 lie more than 30h (more than the widest
// partition the suite accepts) before it, r4 within a day before it, r5 at it and r6
// after it.
const retentionEvents = `{"@timestamp":"2026-11-01T12:00:00Z","event":{"id":"r1"},"message":"old"}
{"@timestamp":"2026-11-05T12:00:00Z","event":{"id":"r2"},"message":"old"}
{"@timestamp":"2026-11-08T06:00:00Z","event":{"id":"r3"},"message":"old"}
{"@timestamp":"2026-11-09T06:00:00Z","event":{"id":"r4"},"message":"recent"}
{"@timestamp":"2026-11-09T12:00:00Z","event":{"id":"r5"},"message":"recent"}
{"@timestamp":"2026-11-10T12:00:00Z","event":{"id":"r6"},"message":"recent"}`

// testRetention checks that DeleteOlderThan removes what lies more than
// one partition before the cutoff, keeps what lies after it, reports what
// it removed, and that Stats and later writes agree.
func testRetention(t *testing.T, h Harness) {
	e := open(t, h)
	if del := e.deleteOlderThan(time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC)); del != (store.Deleted{}) {
		t.Errorf("empty store: deleted %+v", del)
	}
	evs := decode(t, retentionEvents)
	e.write(evs)
	cutoff := time.Date(2026, 11, 9, 12, 0, 0, 0, time.UTC)
	if h.Partition >= 30*time.Hour {
		t.Fatalf("storetest: the retention events need partitions shorter than 30h, not %s", h.Partition)
	}

	// A cutoff before every event deletes nothing.
	if del := e.deleteOlderThan(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)); del != (store.Deleted{}) {
		t.Errorf("cutoff before every event: deleted %+v", del)
	}
	del := e.deleteOlderThan(cutoff)
	left := e.ids("*")
	for _, id := range []string{"r1", "r2", "r3"} {
		if slices.Contains(left, id) {
			t.Errorf("%s, more than a partition older than the cutoff, survived", id)
		}
	}
	for _, id := range []string{"r5", "r6"} {
		if !slices.Contains(left, id) {
			t.Errorf("%s, not older than the cutoff, was deleted", id)
		}
	}
	gone := 6 - len(left)
	if del.Events != int64(gone) || del.Partitions < 3 || del.Partitions > gone {
		t.Errorf("deleted %+v, but %d events are gone (from at least 3 partitions)", del, gone)
	}
	e.checkStats(evs, left)
	// Again: nothing more to delete.
	if del := e.deleteOlderThan(cutoff); del != (store.Deleted{}) {
		t.Errorf("second run: deleted %+v", del)
	}
	// The ids of deleted events may be written again.
	if res := e.write(decode(t, retentionEvents)); res.Written != gone || res.Duplicates != len(left) {
		t.Errorf("rewriting after retention: %+v, want %d written, %d duplicates", res, gone, len(left))
	}
	// A cutoff after every event deletes everything.
	del = e.deleteOlderThan(time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC))
	if del.Events != 6 || e.total("*") != 0 {
		t.Errorf("cutoff after every event: deleted %+v, %d left", del, e.total("*"))
	}
	e.checkStats(evs, nil)
}

// deleteOlderThan runs retention, fails the test on error and refreshes.
func (e *env) deleteOlderThan(cutoff time.Time) store.Deleted {
	e.t.Helper()
	del, err := e.s.DeleteOlderThan(e.ctx, cutoff)
	if err != nil {
		e.t.Fatalf("delete older than %s: %v", cutoff, err)
	}
	e.refresh()
	return del
}

// checkStats compares Stats with the events of evs whose ids are left.
func (e *env) checkStats(evs []event.Event, left []string) {
	e.t.Helper()
	var kept []event.Event
	for _, ev := range evs {
		if slices.Contains(left, ev.ID()) {
			kept = append(kept, ev)
		}
	}
	st, err := e.s.Stats(e.ctx)
	if err != nil {
		e.t.Fatalf("stats: %v", err)
	}
	if st.Events != int64(len(kept)) || st.Partitions != partitionsOf(e.t, kept, e.h.Partition) {
		e.t.Errorf("stats %+v, want %d events in %d partitions", st, len(kept), partitionsOf(e.t, kept, e.h.Partition))
	}
}

// partitionStarts returns the distinct epoch-aligned partition starts of
// the events' timestamps.
func partitionStarts(t *testing.T, evs []event.Event, width time.Duration) map[int64]bool {
	t.Helper()
	out := map[int64]bool{}
	for _, ev := range evs {
		ts, ok := event.ParseTimestamp(ev["@timestamp"])
		if !ok {
			t.Fatalf("event %s: bad @timestamp %v", ev.ID(), ev["@timestamp"])
		}
		n := ts.UnixNano()
		start := n - n%int64(width)
		if n < 0 && n%int64(width) != 0 {
			start -= int64(width)
		}
		out[start] = true
	}
	return out
}
