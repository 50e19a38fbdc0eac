package alarm

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Statistic turns the values observed in one period into that period's
// datapoint, as a CloudWatch statistic does. The zero Statistic is invalid;
// use ParseStatistic.
type Statistic struct {
	kind       string  // sum, average, minimum, maximum, sample_count, percentile
	percentile float64 // 0..100 when kind is percentile
	name       string  // as written, for reasons and docs
}

// ParseStatistic reads sum, average, minimum, maximum, sample_count or pNN
// (p99, p99.9, p50). CloudWatch's spellings (Sum, Average, Minimum,
// Maximum, SampleCount) are accepted too, so that migrated alarms load.
func ParseStatistic(s string) (Statistic, error) {
	switch s {
	case "sum", "Sum":
		return Statistic{kind: "sum", name: "sum"}, nil
	case "average", "Average":
		return Statistic{kind: "average", name: "average"}, nil
	case "minimum", "Minimum":
		return Statistic{kind: "minimum", name: "minimum"}, nil
	case "maximum", "Maximum":
		return Statistic{kind: "maximum", name: "maximum"}, nil
	case "sample_count", "SampleCount":
		return Statistic{kind: "sample_count", name: "sample_count"}, nil
	}
	if rest, ok := strings.CutPrefix(s, "p"); ok && rest != "" {
		p, err := strconv.ParseFloat(rest, 64)
		if err == nil && p >= 0 && p <= 100 && !strings.ContainsAny(rest, "eE+-") {
			return Statistic{kind: "percentile", percentile: p, name: s}, nil
		}
	}
	return Statistic{}, fmt.Errorf("unknown statistic %q (want sum, average, minimum, maximum, sample_count or pNN such as p99)", s)
}

// String returns the statistic's name.
func (s Statistic) String() string { return s.name }

// IsZero reports whether s was never set.
func (s Statistic) IsZero() bool { return s.kind == "" }

// Compute returns the datapoint for one period's values; ok is false when
// there are no values, which makes the period a missing datapoint (as in
// CloudWatch, an empty period has no datapoint, not a zero).
//
// Percentiles use the nearest-rank method: pNN is the smallest value such
// that at least NN% of the values are less than or equal to it.
func (s Statistic) Compute(values []float64) (float64, bool) {
	if len(values) == 0 {
		return 0, false
	}
	switch s.kind {
	case "sum":
		return sum(values), true
	case "average":
		return sum(values) / float64(len(values)), true
	case "minimum":
		return slices.Min(values), true
	case "maximum":
		return slices.Max(values), true
	case "sample_count":
		return float64(len(values)), true
	case "percentile":
		return nearestRank(values, s.percentile), true
	}
	return 0, false
}

func sum(values []float64) float64 {
	var t float64
	for _, v := range values {
		t += v
	}
	return t
}

// nearestRank returns the p-th percentile (0..100) by nearest rank,
// ceil(p*n/100): multiplying first keeps the rank exact whenever p*n is a
// multiple of 100 (p7 of 100 values is the 7th, where p/100*n would give
// ceil(7.000000000000001) = 8).
func nearestRank(values []float64, p float64) float64 {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	rank := int(math.Ceil(p * float64(len(sorted)) / 100))
	return sorted[max(rank, 1)-1]
}
