package esfake

import (
	"net/http"
	"sort"
)

// dateHistogram computes a date_histogram: buckets keyed by their start in
// epoch milliseconds, ascending; with min_doc_count 0 (the default) the
// empty buckets between the first and last (or extended_bounds) are
// filled in.
func dateHistogram(v *aggCtx, body, sub map[string]any, hits []*hit) (map[string]any, *httpError) {
	af, he := resolveAggField(body, hits, "date_histogram")
	if he != nil {
		return nil, he
	}
	if af.f != nil && af.f.kind() != kindDate {
		return nil, fail(400, shardFailure(newErr("illegal_argument_exception",
			"Field [%s] of type [%s] is not supported for aggregation [date_histogram]", af.name, af.f.Type)))
	}
	iv, he := dateInterval(v.ver, body)
	if he != nil {
		return nil, he
	}
	offset, ok := parseOffset(body["offset"])
	if !ok {
		return nil, badRequest("illegal_argument_exception", "failed to parse [offset] %v", body["offset"])
	}
	if !utcZone(body["time_zone"]) {
		return nil, badRequest("illegal_argument_exception", "esfake: time_zone [%v] is not implemented (UTC only)", body["time_zone"])
	}
	minCount := 0
	if v, ok := body["min_doc_count"]; ok {
		minCount, _ = intValue(v)
	}
	groups := map[int64][]*hit{}
	for _, h := range hits {
		seen := map[int64]bool{}
		for _, v := range h.doc.fields[af.name] {
			t, ok := v.(int64)
			if !ok {
				continue
			}
			b := iv.floor(t, offset)
			if !seen[b] {
				seen[b] = true
				groups[b] = append(groups[b], h)
			}
		}
	}
	keys, he := histogramKeys(groups, iv, offset, minCount, body["extended_bounds"])
	if he != nil {
		return nil, he
	}
	order, he := parseOrder(body["order"], "_key")
	if he != nil {
		return nil, he
	}
	if len(order) > 0 && (order[0].key != "_key" || order[0].desc) {
		sortBuckets(keys, func(a, b int64) int {
			for _, o := range order {
				c := compareInts(a, b)
				if o.key == "_count" {
					c = compareInts(int64(len(groups[a])), int64(len(groups[b])))
				}
				if o.desc {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			return compareInts(a, b)
		})
	}
	buckets := make([]any, 0, len(keys))
	for _, k := range keys {
		b, he := bucket(v, k/1e6, formatDate(k), groups[k], sub)
		if he != nil {
			return nil, he
		}
		buckets = append(buckets, b)
	}
	return map[string]any{"buckets": buckets}, nil
}

// histogramKeys lists the bucket starts to show, ascending.
func histogramKeys(groups map[int64][]*hit, iv interval, offset int64, minCount int, bounds any) ([]int64, *httpError) {
	var keys []int64
	for k, hs := range groups {
		if len(hs) >= max(minCount, 1) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	if minCount > 0 {
		return keys, nil
	}
	lo, hi, ok := int64(0), int64(0), len(keys) > 0
	if ok {
		lo, hi = keys[0], keys[len(keys)-1]
	}
	if b, isObj := bounds.(map[string]any); isObj {
		if v, has := b["min"]; has {
			if n, parsed := parseDate(v, ""); parsed {
				n = iv.floor(n, offset)
				lo, ok = min(lo, n), true
				if len(keys) == 0 {
					lo, hi = n, n
				}
			}
		}
		if v, has := b["max"]; has {
			if n, parsed := parseDate(v, ""); parsed {
				n = iv.floor(n, offset)
				if len(keys) == 0 && hi < lo {
					hi = n
				}
				hi, ok = max(hi, n), true
			}
		}
	}
	if !ok {
		return nil, nil
	}
	var all []int64
	for k := lo; k <= hi; k = iv.next(k, offset) {
		all = append(all, k)
		if len(all) > maxBuckets {
			return nil, fail(http.StatusBadRequest, shardFailure(newErr("too_many_buckets_exception",
				"Trying to create too many buckets. Must be less than or equal to: [%d] but this number of buckets was [%d]. This limit can be set by changing the [search.max_buckets] cluster level setting.", maxBuckets, len(all))))
		}
	}
	return all, nil
}

func compareInts(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
