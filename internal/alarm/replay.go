package alarm

import (
	"errors"
	"fmt"
	"time"
)

// maxReplayEvaluations bounds one replay, against a --from/--until typo
// that would print for hours.
const maxReplayEvaluations = 1_000_000

// Replay evaluates a over samples at the end of every period from from to
// until, as the alerter would, starting in state initial, and returns one
// Transition per evaluation. Periods are aligned on multiples of the period
// since the Unix epoch (UTC). A zero from means the start of the first
// sample's period, a zero until the end of the last sample's period.
// Samples before from still fill the first evaluation ranges, as CloudWatch
// uses data reported before an alarm was created.
func Replay(a *Alarm, samples []Sample, from, until time.Time, initial State) ([]Transition, error) {
	p := a.Period
	buckets := bucketize(a, samples)
	if from.IsZero() || until.IsZero() {
		lo, hi, ok := span(samples)
		if !ok {
			return nil, errors.New("replay: the series is empty; give --from and --until")
		}
		if from.IsZero() {
			from = lo
		}
		if until.IsZero() {
			until = hi.Add(p)
		}
	}
	start := align(from, p)
	if n := until.Sub(start) / p; n > maxReplayEvaluations {
		return nil, fmt.Errorf("replay: %d evaluations between %s and %s; at most %d", n, start, until, maxReplayEvaluations)
	}
	t := NewTracker(a, initial)
	var out []Transition
	for end := start.Add(p); !end.After(until); end = end.Add(p) {
		out = append(out, t.Evaluate(end, window(a, buckets, end)))
	}
	return out, nil
}

// bucketize computes each period's datapoint, keyed by period start.
func bucketize(a *Alarm, samples []Sample) map[int64]float64 {
	values := map[int64][]float64{}
	for _, s := range samples {
		k := align(s.Time, a.Period).UnixNano()
		values[k] = append(values[k], s.Value)
	}
	out := make(map[int64]float64, len(values))
	for k, vs := range values {
		if v, ok := a.Metric.Statistic.Compute(vs); ok {
			out[k] = v
		}
	}
	return out
}

// window returns the evaluation range ending at end, oldest first.
func window(a *Alarm, buckets map[int64]float64, end time.Time) []Point {
	r := a.EvaluationRange()
	out := make([]Point, r)
	for i := range out {
		start := end.Add(-time.Duration(r-i) * a.Period)
		v, ok := buckets[start.UnixNano()]
		out[i] = Point{Start: start, Value: v, Present: ok}
	}
	return out
}

// align returns the start of the period holding t.
func align(t time.Time, p time.Duration) time.Time {
	ns := t.UnixNano()
	rem := ns % int64(p)
	if rem < 0 {
		rem += int64(p)
	}
	return time.Unix(0, ns-rem).UTC()
}

func span(samples []Sample) (lo, hi time.Time, ok bool) {
	for i, s := range samples {
		if i == 0 || s.Time.Before(lo) {
			lo = s.Time
		}
		if i == 0 || s.Time.After(hi) {
			hi = s.Time
		}
	}
	return lo, hi, len(samples) > 0
}

// joinProblems joins problems into one error.
func joinProblems(probs []error) error { return errors.Join(probs...) }
