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
	// onRemoved receives pruned items (the spike type's current window
	// passes them on to its reference window).
	onRemoved func(windowItem)
}

// append inserts an event that adds count.
func (w *window) append(ev Event, count float64) { w.insert(windowItem{ev: ev, count: count}) }

// mark inserts the zero-count placeholder of a run's end at ts.
func (w *window) mark(ts time.Time) { w.insert(windowItem{ev: Event{Time: ts}, placeholder: true}) }

// insert adds it in time order (after equal times) and prunes.
func (w *window) insert(it windowItem) {
	i := sort.Search(len(w.items), func(i int) bool { return w.items[i].ev.Time.After(it.ev.Time) })
	w.items = append(w.items, windowItem{})
	copy(w.items[i+1:], w.items[i:])
	w.items[i] = it
	w.count += it.count
	for len(w.items) > 0 && w.duration() >= w.timeframe {
		old := w.items[0]
		w.count -= old.count
		w.items = w.items[1:]
		if w.onRemoved != nil {
			w.onRemoved(old)
		}
	}
}

// values lists the counts of the items that are not placeholders.
func (w *window) values() []float64 {
	var out []float64
	for _, it := range w.items {
		if !it.placeholder {
			out = append(out, it.count)
		}
	}
	return out
}

// clear empties the window (spike's reference window after a match).
func (w *window) clear() { w.items, w.count = nil, 0 }

func (w *window) duration() time.Duration {
	if len(w.items) == 0 {
		return 0
	}
	return w.items[len(w.items)-1].ev.Time.Sub(w.items[0].ev.Time)
}

// newest is the latest item; the window is never empty after append
// unless timeframe is zero, which validation forbids.
func (w *window) newest() windowItem { return w.items[len(w.items)-1] }
