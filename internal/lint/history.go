package lint

import (
	"context"
	"time"

	"github.com/logstack/logstack/internal/query"
)

// Counter answers how often a query matched, which the history checks
// need and the files alone cannot say. StoreCounter implements it over a
// store, and over a running logstack's API with an HTTPAggregator.
type Counter interface {
	// Count returns how many events matching q have @timestamp in
	// [from, to).
	Count(ctx context.Context, q query.Node, from, to time.Time) (int64, error)
	// CountPer returns the per-period counts of events matching q in
	// [from, to), periods aligned to the Unix epoch as alarm periods are.
	// Periods without events may be absent.
	CountPer(ctx context.Context, q query.Node, from, to time.Time, period time.Duration) ([]int64, error)
}

// HistoryWindow is how far back the history checks look: a day covers
// daily traffic patterns and is well within any retention.
const HistoryWindow = 24 * time.Hour

// History runs the checks that need stored events over what Paths loaded,
// looking at the HistoryWindow before now. A Counter error stops the run:
// a half-checked history would read as "all fine".
func History(ctx context.Context, c Counter, l *Loaded, now time.Time) ([]Finding, error) {
	from := now.Add(-HistoryWindow)
	var out []Finding
	for _, r := range l.rules {
		fs, err := ruleHistory(ctx, c, r, from, now)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	for _, a := range l.alarms {
		fs, err := checkThresholdHistory(ctx, c, a, from, now)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	Sort(out)
	return out, nil
}

// windowText is HistoryWindow as messages say it.
const windowText = "24h"
