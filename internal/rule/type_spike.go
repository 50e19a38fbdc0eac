package rule

import "time"

// spike compares two adjacent sliding windows per query_key value: the
// current one (the last timeframe) and the reference one (the timeframe
// before it; events leave the current window into it). It fires when the
// current count is at least spike_height times the reference (up) or at
// most reference/spike_height (down), both counts meeting threshold_cur
// and threshold_ref. Nothing fires until the rule has seen two
// timeframes of data (and, for a new query_key value, until its own two
// timeframes unless alert_on_new_data). After a match the reference
// window is emptied and the key is quiet for two timeframes.
type spike struct {
	r             *Rule
	ref, cur      map[groupKey]*window
	first         map[groupKey]time.Time
	skip          map[groupKey]time.Time
	refFilledOnce bool
	out           []Match
}

func newSpike(r *Rule) *spike {
	return &spike{r: r, ref: map[groupKey]*window{}, cur: map[groupKey]*window{},
		first: map[groupKey]time.Time{}, skip: map[groupKey]time.Time{}}
}

func (s *spike) Add(events []Event) []Match {
	s.out = nil
	for _, ev := range events {
		var k groupKey // the "all" key
		if len(s.r.QueryKey) > 0 {
			// ElastAlert2 groups events without the key under "other".
			k = keyOf(ev.Fields, s.r.QueryKey)
		}
		s.handle(ev, 1, k)
	}
	return s.out
}

// Tick adds a zero-count placeholder at ts to every key, so windows move
// on without events, and forgets keys with no events left.
func (s *spike) Tick(ts time.Time) []Match {
	s.out = nil
	for _, k := range sortedKeys(s.cur) {
		if len(s.r.QueryKey) > 0 && s.ref[k].count == 0 && s.cur[k].count == 0 {
			delete(s.cur, k)
			delete(s.ref, k)
			continue
		}
		s.handle(Event{Time: ts}, 0, k)
	}
	return s.out
}

// handle is ElastAlert2's SpikeRule.handle_event.
func (s *spike) handle(ev Event, count int, k groupKey) {
	tf := s.r.Timeframe
	if _, ok := s.first[k]; !ok {
		s.first[k] = ev.Time
	}
	ref := s.ref[k]
	if ref == nil {
		ref = &window{timeframe: tf}
		s.ref[k] = ref
		s.cur[k] = &window{timeframe: tf, onRemoved: func(it windowItem) { ref.append(it.ev, it.count) }}
	}
	cur := s.cur[k]
	cur.append(ev, count)
	if ev.Time.Sub(s.first[k]) < 2*tf {
		if !s.refFilledOnce || len(s.r.QueryKey) == 0 || !s.r.AlertOnNewData {
			return
		}
		if until, ok := s.skip[k]; ok && ev.Time.Before(until) {
			return
		}
	} else {
		s.refFilledOnce = true
	}
	if !s.spiked(ref.count, cur.count) {
		return
	}
	match := cur.items[len(cur.items)-1]
	for _, it := range cur.items {
		if it.count != 0 {
			match = it
			break
		}
	}
	s.out = append(s.out, Match{Time: match.ev.Time, Key: k.value, HasKey: k.has, Count: cur.count, Event: match.ev})
	ref.items, ref.count = nil, 0
	delete(s.first, k)
	s.skip[k] = match.ev.Time.Add(2 * tf)
}

// spiked is ElastAlert2's find_matches for counts.
func (s *spike) spiked(ref, cur int) bool {
	if cur < s.r.ThresholdCur || ref < s.r.ThresholdRef {
		return false
	}
	h := s.r.SpikeHeight
	down := float64(cur) <= float64(ref)/h
	up := float64(cur) >= float64(ref)*h
	switch s.r.SpikeType {
	case "up":
		return up
	case "down":
		return down
	}
	return up || down
}
