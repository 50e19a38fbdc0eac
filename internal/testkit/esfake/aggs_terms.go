package esfake

import (
	"cmp"
	"strings"
)

// termsGroup is one distinct value with the hits holding it.
type termsGroup struct {
	v    any
	hits []*hit
}

// termsAgg computes a terms aggregation: one bucket per distinct value,
// ordered by _count desc then _key asc unless order says otherwise, the
// first size kept, the rest counted in sum_other_doc_count.
func termsAgg(v *aggCtx, body, sub map[string]any, hits []*hit) (map[string]any, *httpError) {
	af, he := resolveAggField(body, hits, "terms")
	if he != nil {
		return nil, he
	}
	size, minCount := 10, 1
	if v, ok := body["size"]; ok {
		if size, ok = intValue(v); !ok || size <= 0 {
			return nil, badRequest("illegal_argument_exception", "[size] must be greater than 0. Found [%v] in [terms]", v)
		}
	}
	if v, ok := body["min_doc_count"]; ok {
		minCount, _ = intValue(v)
	}
	order, he := parseOrder(body["order"], "_count")
	if he != nil {
		return nil, he
	}
	groups := groupTerms(af, body["missing"], hits)
	sortBuckets(groups, func(a, b *termsGroup) int {
		for _, o := range order {
			var c int
			if o.key == "_count" {
				c = cmp.Compare(len(a.hits), len(b.hits))
			} else {
				c = compareValues(a.v, b.v)
			}
			if o.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return compareValues(a.v, b.v)
	})
	buckets := []any{}
	other := 0
	for _, g := range groups {
		if len(g.hits) < minCount {
			continue
		}
		if len(buckets) >= size {
			other += len(g.hits)
			continue
		}
		key, asString := bucketKey(af.f, g.v)
		b, he := bucket(v, key, asString, g.hits, sub)
		if he != nil {
			return nil, he
		}
		buckets = append(buckets, b)
	}
	return map[string]any{"doc_count_error_upper_bound": 0, "sum_other_doc_count": other, "buckets": buckets}, nil
}

func groupTerms(af aggField, missing any, hits []*hit) []*termsGroup {
	byValue := map[any]*termsGroup{}
	var groups []*termsGroup
	add := func(v any, h *hit) {
		g := byValue[v]
		if g == nil {
			g = &termsGroup{v: v}
			byValue[v] = g
			groups = append(groups, g)
		}
		g.hits = append(g.hits, h)
	}
	var missingValue any
	if missing != nil && af.f != nil {
		if v, ok := af.f.convert(missing); ok {
			missingValue = v
		}
	}
	for _, h := range hits {
		vals := distinct(h, af.name)
		if len(vals) == 0 && missingValue != nil {
			add(missingValue, h)
		}
		for _, v := range vals {
			add(v, h)
		}
	}
	return groups
}

// orderBy is one bucket order criterion.
type orderBy struct {
	key  string
	desc bool
}

// parseOrder reads {"_count":"desc"} or [{"_count":"desc"},{"_key":"asc"}].
func parseOrder(raw any, def string) ([]orderBy, *httpError) {
	if raw == nil {
		if def == "_count" {
			return []orderBy{{"_count", true}, {"_key", false}}, nil
		}
		return []orderBy{{"_key", false}}, nil
	}
	list, ok := raw.([]any)
	if !ok {
		list = []any{raw}
	}
	var out []orderBy
	for _, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, parsingError("[order] must be an object or an array of objects")
		}
		for k, v := range obj {
			if k == "_term" {
				k = "_key"
			}
			if k != "_count" && k != "_key" {
				return nil, badRequest("illegal_argument_exception", "esfake: ordering buckets by [%s] is not implemented", k)
			}
			dir, _ := v.(string)
			dir = strings.ToLower(dir)
			if dir != "asc" && dir != "desc" {
				return nil, badRequest("illegal_argument_exception", "Unknown BucketOrder direction [%v]", v)
			}
			out = append(out, orderBy{k, dir == "desc"})
		}
	}
	return out, nil
}
