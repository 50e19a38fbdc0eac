package rule

import "time"

// frequency fires when num_events events with the same query_key value
// fall within timeframe (a sliding window spanning strictly less than
// timeframe); the key's window then starts again empty, so the next match
// needs num_events new events.
type frequency struct {
	qk        []string
	num       int
	timeframe time.Duration
	windows   map[groupKey]*window
}

func newFrequency(r *Rule) *frequency {
	return &frequency{qk: r.QueryKey, num: r.NumEvents, timeframe: r.Timeframe, windows: map[groupKey]*window{}}
}

func (f *frequency) Add(events []Event) []Match {
	var out []Match
	for _, ev := range events {
		k := keyOf(ev.Fields, f.qk)
		w := f.windows[k]
		if w == nil {
			w = &window{timeframe: f.timeframe}
			f.windows[k] = w
		}
		w.append(ev, 1)
		if w.count >= float64(f.num) {
			newest := w.newest().ev
			out = append(out, Match{Time: newest.Time, Key: k.value, HasKey: k.has, Count: int(w.count), Event: newest})
			delete(f.windows, k)
		}
	}
	return out
}

// Tick forgets keys whose newest event is more than timeframe before ts.
func (f *frequency) Tick(ts time.Time) []Match {
	for k, w := range f.windows {
		if ts.Sub(w.newest().ev.Time) > f.timeframe {
			delete(f.windows, k)
		}
	}
	return nil
}
