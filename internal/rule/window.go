package rule

import (
	"fmt"
	"sort"
	"time"
)

func fmtAny(v any) string { return fmt.Sprint(v) }

// windowItem is an event in a window with the count it adds: 1 for an
// event, a field's value (spike's field_value) or a run's metric
// (spike_aggregation), 0 for the marker a run's end adds, which is also
// flagged as a placeholder so that statistics over values skip it.
type windowItem struct {
	ev          Event
	count       float64
	placeholder bool
}

// window is ElastAlert2's EventWindow: items sorted by time; after each
// append the oldest items are dropped while the newest minus the oldest
// is at least timeframe, so a window spans strictly less than timeframe.
type window struct {
	timeframe time.Duration
	items     []windowItem
	count     float64
	n         int // items that are not placeholders
	// onRemoved receives pruned items (the spike type's current window
	// passes them on to its reference window).
	onRemoved func(windowItem)
}

// append inserts an event that adds count.
func (w *window) append(ev Event, count float64) { w.insert(windowItem{ev: ev, count: count}) }

// insert adds it in time order (after equal times) and prunes.
func (w *window) insert(it windowItem) {
	i := sort.Search(len(w.items), func(i int) bool { return w.items[i].ev.Time.After(it.ev.Time) })
	w.items = append(w.items, windowItem{})
	copy(w.items[i+1:], w.items[i:])
	w.items[i] = it
	w.add(it, 1)
	for len(w.items) > 0 && w.duration() >= w.timeframe {
		old := w.items[0]
		w.add(old, -1)
		w.items = w.items[1:]
		if w.onRemoved != nil {
			w.onRemoved(old)
		}
	}
}

// add keeps the running totals as it enters (sign 1) or leaves (-1).
func (w *window) add(it windowItem, sign int) {
	w.count += float64(sign) * it.count
	if !it.placeholder {
		w.n += sign
	}
}

// mean is the mean count of the items that are not placeholders; ok is
// false when there are none.
func (w *window) mean() (float64, bool) {
	if w.n == 0 {
		return 0, false
	}
	return w.count / float64(w.n), true
}

// extreme is the smallest (or with largest, the largest) count of the
// items that are not placeholders; ok is false when there are none.
func (w *window) extreme(largest bool) (v float64, ok bool) {
	for _, it := range w.items {
		if it.placeholder {
			continue
		}
		if !ok || (largest && it.count > v) || (!largest && it.count < v) {
			v, ok = it.count, true
		}
	}
	return v, ok
}

// clear empties the window (spike's reference window after a match).
func (w *window) clear() { w.items, w.count, w.n = nil, 0, 0 }

func (w *window) duration() time.Duration {
	if len(w.items) == 0 {
		return 0
	}
	return w.items[len(w.items)-1].ev.Time.Sub(w.items[0].ev.Time)
}

// newest is the latest item; the window is never empty after append
// unless timeframe is zero, which validation forbids.
func (w *window) newest() windowItem { return w.items[len(w.items)-1] }
