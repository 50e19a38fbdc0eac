package rule

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// newMetricAgg builds metric_aggregation: a match when the metric
// (metric_agg_type of metric_agg_key) of a calculation window is above
// max_threshold or below min_threshold, both exclusive. The match carries
// the value as metric_<key>_<type> and metric_agg_value (and their
// _formatted forms with metric_format_string), as in ElastAlert2.
func newMetricAgg(r *Rule) Type {
	name := metricName(r)
	var a *aggregation
	a = newAggregation(r, func(k groupKey, group []Event, ts time.Time) (Match, bool) {
		v, ok := metricValue(r, group)
		if !ok || !crossed(v, r.MaxThreshold, r.HasMaxThreshold, r.MinThreshold, r.HasMinThreshold) {
			return Match{}, false
		}
		vals := map[string]any{name: v, "metric_agg_value": v}
		if r.MetricFormatString != "" {
			s, _ := FormatNumber(r.MetricFormatString, v) // checked at load
			vals[name+"_formatted"], vals["metric_agg_value_formatted"] = s, s
		}
		return a.aggMatch(k, group, ts, vals), true
	})
	return a
}

// metricName is the match field holding the metric: metric_<key>_<type>.
func metricName(r *Rule) string { return "metric_" + r.MetricAggKey + "_" + r.MetricAggType }

// crossed is ElastAlert2's crossed_thresholds (and percentage_violation).
func crossed(v, hi float64, hasHi bool, lo float64, hasLo bool) bool {
	return (hasHi && v > hi) || (hasLo && v < lo)
}

// metricValue computes the rule's metric over the events' values of
// metric_agg_key (array elements count one by one). ok is false when
// Elasticsearch would return null: min, max, avg and percentiles of no
// number.
func metricValue(r *Rule, events []Event) (float64, bool) {
	var nums []float64
	var distinct map[string]bool
	if r.MetricAggType == "cardinality" {
		distinct = map[string]bool{}
	}
	count := 0
	for _, ev := range events {
		v, _ := Lookup(ev.Fields, fieldName(r.MetricAggKey))
		vals, isList := v.([]any)
		if !isList {
			vals = []any{v}
		}
		for _, x := range vals {
			if x == nil {
				continue
			}
			count++
			if distinct != nil {
				distinct[valueText(x)] = true
			} else if f, ok := number(x); ok {
				nums = append(nums, f)
			}
		}
	}
	switch r.MetricAggType {
	case "value_count":
		return float64(count), true
	case "cardinality":
		return float64(len(distinct)), true
	case "sum":
		return sum(nums), true
	}
	if len(nums) == 0 {
		return 0, false
	}
	sort.Float64s(nums)
	switch r.MetricAggType {
	case "min":
		return nums[0], true
	case "max":
		return nums[len(nums)-1], true
	case "avg":
		return sum(nums) / float64(len(nums)), true
	}
	return percentile(nums, r.PercentileRange), true
}

// number reads a numeric value; numeric strings count, as Elasticsearch
// coerces them into numeric fields.
func number(x any) (float64, bool) {
	switch v := x.(type) {
	case float64:
		return v, !math.IsNaN(v)
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return 0, false
}

func sum(nums []float64) float64 {
	var s float64
	for _, n := range nums {
		s += n
	}
	return s
}

// percentile interpolates linearly between the two closest ranks of
// sorted values: exact and reproducible, where Elasticsearch's t-digest
// estimates can differ on small samples.
func percentile(sorted []float64, p float64) float64 {
	rank := p / 100 * float64(len(sorted)-1)
	lo := int(math.Floor(rank))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	frac := rank - float64(lo)
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo])
}
