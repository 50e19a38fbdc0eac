package ruleeval

import (
	"context"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// overlapBuckets bounds the histogram of an overlap check: buckets are a
// minute wide, wider for buffers over about four hours.
const overlapBuckets = 256

// changedSince checks the overlap (lo, mid] for late events without
// fetching it: it counts the rule's matches per interval in the store and
// compares each count with the events already seen in that interval. It
// returns the exclusive start of what must be read again (the first
// interval that differs; lo when only the totals differ) and whether
// anything does. Ingest lag makes late events land in the last minute or
// two before mid, so a re-read is short instead of the whole buffer.
func (r *reader) changedSince(ctx context.Context, lo, mid time.Time) (time.Time, bool, error) {
	interval := max(time.Minute, mid.Sub(lo)/overlapBuckets)
	r.metrics.queries.Inc()
	res, err := r.store.Aggregate(ctx, store.AggregateRequest{Query: r.filter, From: after(lo), To: after(mid), Interval: interval})
	if err != nil {
		return time.Time{}, false, fmt.Errorf("count overlap: %w", err)
	}
	loNs, midNs := lo.UnixNano(), mid.UnixNano()
	var sum int64
	for _, b := range res.Buckets {
		start, ok := b.Key.(time.Time)
		if !ok {
			return time.Time{}, false, fmt.Errorf("count overlap: bucket key %T is not a time", b.Key)
		}
		// The bucket holds [start, start+interval) within [lo+1ns, mid+1ns),
		// that is (bLo, bHi] in the seen set's terms.
		bLo := max(loNs, start.UnixNano()-1)
		bHi := min(midNs, start.Add(interval).UnixNano()-1)
		if b.Count != int64(r.seen.countIn(bLo, bHi)) {
			return time.Unix(0, bLo).UTC(), true, nil
		}
		sum += b.Count
	}
	if sum != int64(r.seen.countIn(loNs, midNs)) {
		return lo, true, nil // seen events the store no longer has: read it all again
	}
	return time.Time{}, false, nil
}
