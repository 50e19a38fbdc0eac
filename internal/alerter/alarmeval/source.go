package alarmeval

import (
	"context"
	"time"

	"github.com/logstack/logstack/internal/alarm"
)

// source yields the datapoints of an alarm's evaluation range ending at a
// period end: alarm.EvaluationRange() points, oldest first.
type source interface {
	window(ctx context.Context, end time.Time) ([]alarm.Point, error)
}

// rangeStart is the start of the evaluation range that ends at end.
func rangeStart(a *alarm.Alarm, end time.Time) time.Time {
	return end.Add(-time.Duration(a.EvaluationRange()) * a.Period)
}

// points lays values (keyed by period start in Unix nanoseconds) out as the
// evaluation range ending at end; a period without a value is missing.
func points(a *alarm.Alarm, end time.Time, values map[int64]float64) []alarm.Point {
	r := a.EvaluationRange()
	out := make([]alarm.Point, r)
	start := rangeStart(a, end)
	for i := range out {
		s := start.Add(time.Duration(i) * a.Period)
		v, ok := values[s.UnixNano()]
		out[i] = alarm.Point{Start: s, Value: v, Present: ok}
	}
	return out
}

// align returns the start of the period of length p holding t; periods are
// aligned on the Unix epoch (UTC), as the store's buckets are.
func align(t time.Time, p time.Duration) time.Time {
	ns := t.UnixNano()
	rem := ns % int64(p)
	if rem < 0 {
		rem += int64(p)
	}
	return time.Unix(0, ns-rem).UTC()
}
