package rule

import "time"

// flatline fires when fewer than threshold events with the same query_key
// value fall within timeframe. A key is checked only once timeframe has
// passed since it was first seen (for a rule without query_key, since the
// first run ended), and it keeps firing on every run until events come
// back, unless forget_keys is set: then a key is forgotten after it fires
// until it is seen again.
type flatline struct {
	qk        []string
	threshold int
	timeframe time.Duration
	forget    bool
	windows   map[groupKey]*window
	first     map[groupKey]time.Time
}

func newFlatline(r *Rule) *flatline {
	return &flatline{qk: r.QueryKey, threshold: r.Threshold, timeframe: r.Timeframe, forget: r.ForgetKeys,
		windows: map[groupKey]*window{}, first: map[groupKey]time.Time{}}
}

// Add records events; like ElastAlert2 it checks only the key of the
// run's last event here, the others at Tick.
func (f *flatline) Add(events []Event) []Match {
	var last groupKey
	for _, ev := range events {
		last = keyOf(ev.Fields, f.qk)
		f.window(last).append(ev, 1)
	}
	if len(events) == 0 {
		return nil
	}
	return f.check(last, nil)
}

// Tick adds a zero-count marker at ts to every key's window, pruning what
// is older than timeframe, then checks every key.
func (f *flatline) Tick(ts time.Time) []Match {
	if len(f.qk) == 0 {
		f.window(groupKey{}) // the "all" key exists from the first run
	}
	var out []Match
	for _, k := range sortedKeys(f.windows) {
		f.windows[k].append(Event{Time: ts}, 0)
		if _, ok := f.first[k]; !ok {
			f.first[k] = ts
		}
		out = f.check(k, out)
	}
	return out
}

func (f *flatline) window(k groupKey) *window {
	w := f.windows[k]
	if w == nil {
		w = &window{timeframe: f.timeframe}
		f.windows[k] = w
	}
	return w
}

// check is ElastAlert2's FlatlineRule.check_for_match.
func (f *flatline) check(k groupKey, out []Match) []Match {
	w := f.windows[k]
	newest := w.newest().ev
	first, ok := f.first[k]
	if !ok {
		first = newest.Time
		f.first[k] = first
	}
	if newest.Time.Sub(first) < f.timeframe || w.count >= float64(f.threshold) {
		return out
	}
	out = append(out, Match{Time: newest.Time, Key: k.value, HasKey: k.has, Count: int(w.count), Event: newest})
	if f.forget {
		delete(f.first, k)
		delete(f.windows, k)
		return out
	}
	// Keep firing every run until the threshold is reached again.
	oldest := w.items[0].ev.Time
	f.first[k] = minTime(oldest, newest.Time.Add(-f.timeframe))
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
