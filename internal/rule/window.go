package rule

import (
	"fmt"
	"sort"
	"time"
)

func fmtAny(v any) string { return fmt.Sprint(v) }

// windowItem is an event in a window with the count it adds (1 for an
// event, 0 for the marker a run's end adds).
type windowItem struct {
	ev    Event
	count int
}

// window is ElastAlert2's EventWindow: items sorted by time; after each
// append the oldest items are dropped while the newest minus the oldest
// is at least timeframe, so a window spans strictly less than timeframe.
type window struct {
	timeframe time.Duration
	items     []windowItem
	count     int
	// onRemoved receives pruned items (the spike type's current window
	// passes them on to its reference window).
	onRemoved func(windowItem)
}

// append inserts in time order (after equal times) and prunes.
func (w *window) append(ev Event, count int) {
	i := sort.Search(len(w.items), func(i int) bool { return w.items[i].ev.Time.After(ev.Time) })
	w.items = append(w.items, windowItem{})
	copy(w.items[i+1:], w.items[i:])
	w.items[i] = windowItem{ev: ev, count: count}
	w.count += count
	for len(w.items) > 0 && w.duration() >= w.timeframe {
		old := w.items[0]
		w.count -= old.count
		w.items = w.items[1:]
		if w.onRemoved != nil {
			w.onRemoved(old)
		}
	}
}

func (w *window) duration() time.Duration {
	if len(w.items) == 0 {
		return 0
	}
	return w.items[len(w.items)-1].ev.Time.Sub(w.items[0].ev.Time)
}

// newest is the latest item; the window is never empty after append
// unless timeframe is zero, which validation forbids.
func (w *window) newest() windowItem { return w.items[len(w.items)-1] }
