package rule

import "time"

// newPercentage builds percentage_match: a match when the share of a
// calculation window's events that also match match_bucket_filter is
// above max_percentage or below min_percentage (exclusive). Windows with
// no event or fewer than min_denominator are skipped. The match carries
// percentage, denominator and, with percentage_format_string,
// percentage_formatted, as in ElastAlert2.
func newPercentage(r *Rule) Type {
	var a *aggregation
	a = newAggregation(r, func(k groupKey, group []Event, ts time.Time) (Match, bool) {
		total := len(group)
		if total == 0 || total < r.MinDenominator {
			return Match{}, false
		}
		matched := 0
		for _, ev := range group {
			// An error is a filter that cannot be evaluated; such an event
			// is counted as not matching, since a run cannot fail here.
			if ok, err := Matches(r.MatchBucketFilter, ev, ts); ok && err == nil {
				matched++
			}
		}
		pct := float64(matched) / float64(total) * 100
		if !crossed(pct, r.MaxPercentage, r.HasMaxPercentage, r.MinPercentage, r.HasMinPercentage) {
			return Match{}, false
		}
		vals := map[string]any{"percentage": pct, "denominator": float64(total)}
		if r.PercentageFormatString != "" {
			vals["percentage_formatted"], _ = FormatNumber(r.PercentageFormatString, pct) // checked at load
		}
		return a.aggMatch(k, group, ts, vals), true
	})
	return a
}
