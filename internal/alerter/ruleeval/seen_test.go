package ruleeval

import "testing"

// seenSet keeps events in time order across out-of-order adds, counts a
// half-open range and forgets up to a time inclusive.
func TestSeenSet(t *testing.T) {
	var s seenSet
	s.add([]seenEvent{{ts: 10, id: 2}, {ts: 10, id: 1}, {ts: 20, id: 3}})
	s.add([]seenEvent{{ts: 15, id: 4}}) // a late event
	s.add(nil)
	f := func(lo, hi int64, want int) {
		t.Helper()
		if got := s.countIn(lo, hi); got != want {
			t.Errorf("countIn(%d, %d) = %d, want %d", lo, hi, got, want)
		}
	}
	f(0, 20, 4)
	f(10, 20, 2) // lo is exclusive
	f(0, 10, 2)  // hi is inclusive
	f(15, 15, 0)
	for _, e := range []seenEvent{{10, 1}, {10, 2}, {15, 4}, {20, 3}} {
		if !s.has(e) {
			t.Errorf("has(%v) = false", e)
		}
	}
	if s.has(seenEvent{ts: 15, id: 1}) {
		t.Error("has an event with a seen id at another time")
	}
	s.forget(10)
	f(0, 100, 2)
	if s.has(seenEvent{ts: 10, id: 1}) {
		t.Error("forget(10) kept an event at 10")
	}
}
