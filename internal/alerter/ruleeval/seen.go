package ruleeval

import (
	"cmp"
	"hash/maphash"
	"slices"
	"sort"
)

// seenEvent is an event a rule already processed: its @timestamp (Unix
// nanoseconds) and a hash of its event.id. Sixteen bytes per event keep
// the memory of a broad rule's buffer_time small; a 64-bit hash collision
// (which would drop one event) is out of reach at these set sizes.
type seenEvent struct {
	ts int64
	id uint64
}

func compareSeen(a, b seenEvent) int {
	if c := cmp.Compare(a.ts, b.ts); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// seenSet holds the events a rule processed within its overlap, sorted by
// time, so that the events a re-read of the overlap returns again are
// skipped and the ones older than the overlap are forgotten in one cut.
type seenSet struct {
	events []seenEvent
}

// idSeed makes id hashes comparable within the process, which is all the
// set needs (nothing is persisted).
var idSeed = maphash.MakeSeed()

func hashID(id string) uint64 { return maphash.String(idSeed, id) }

// has reports whether e was processed.
func (s *seenSet) has(e seenEvent) bool {
	_, found := slices.BinarySearchFunc(s.events, e, compareSeen)
	return found
}

// add records the events of a successful run; most come after every
// recorded one, late events are sorted in.
func (s *seenSet) add(evs []seenEvent) {
	if len(evs) == 0 {
		return
	}
	slices.SortFunc(evs, compareSeen)
	after := len(s.events) == 0 || compareSeen(s.events[len(s.events)-1], evs[0]) < 0
	s.events = append(s.events, evs...)
	if !after {
		slices.SortFunc(s.events, compareSeen)
	}
}

// countIn is the number of processed events with lo < ts <= hi.
func (s *seenSet) countIn(lo, hi int64) int {
	return s.index(hi) - s.index(lo)
}

// index is the position of the first event with ts > t.
func (s *seenSet) index(t int64) int {
	return sort.Search(len(s.events), func(i int) bool { return s.events[i].ts > t })
}

// forget drops the events with ts <= t, which no later window reaches,
// and releases the array when most of it is dead.
func (s *seenSet) forget(t int64) {
	i := s.index(t)
	if i == 0 {
		return
	}
	rest := s.events[i:]
	if cap(s.events) > 1024 && len(rest) < cap(s.events)/4 {
		rest = slices.Clone(rest)
	}
	s.events = rest
}
