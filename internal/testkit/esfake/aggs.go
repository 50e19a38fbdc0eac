package esfake

import (
	"math"
	"net/netip"
	"sort"
	"strconv"
)

// maxBuckets is search.max_buckets.
const maxBuckets = 65536

// aggCtx is one request's aggregation state: the server version and the
// buckets made so far, which search.max_buckets bounds across the whole
// request.
type aggCtx struct {
	ver     version
	buckets int
}

// addBuckets counts n more buckets, failing past search.max_buckets.
func (c *aggCtx) addBuckets(n int) *httpError {
	c.buckets += n
	if c.buckets > maxBuckets {
		return fail(400, shardFailure(newErr("too_many_buckets_exception",
			"Trying to create too many buckets. Must be less than or equal to: [%d] but was [%d]. This limit can be set by changing the [search.max_buckets] cluster level setting.", maxBuckets, c.buckets)))
	}
	return nil
}

// aggField is the field an aggregation reads, typed by the first index
// that maps it.
type aggField struct {
	name string
	f    *fieldType
}

// computeAggs evaluates the "aggs" object over hits.
func computeAggs(v *aggCtx, spec map[string]any, hits []*hit) (map[string]any, *httpError) {
	out := map[string]any{}
	for name, raw := range spec {
		def, ok := raw.(map[string]any)
		if !ok {
			return nil, parsingError("Expected [START_OBJECT] under [%s], but got a [%T] in [%s]", name, raw, name)
		}
		res, he := computeAgg(v, name, def, hits)
		if he != nil {
			return nil, he
		}
		out[name] = res
	}
	return out, nil
}

func computeAgg(v *aggCtx, name string, def map[string]any, hits []*hit) (map[string]any, *httpError) {
	var typ string
	var body map[string]any
	var sub map[string]any
	for k, v := range def {
		switch k {
		case "aggs", "aggregations":
			sub, _ = v.(map[string]any)
		case "meta":
		default:
			if typ != "" {
				return nil, parsingError("Found two aggregation type definitions in [%s]: [%s] and [%s]", name, typ, k)
			}
			typ = k
			body, _ = v.(map[string]any)
		}
	}
	if typ == "" {
		return nil, parsingError("Missing definition for aggregation [%s]", name)
	}
	if body == nil {
		return nil, parsingError("[%s] aggregation [%s] must be an object", typ, name)
	}
	switch typ {
	case "terms":
		return termsAgg(v, body, sub, hits)
	case "date_histogram":
		return dateHistogram(v, body, sub, hits)
	case "min", "max", "value_count", "cardinality", "sum", "avg":
		return metricAgg(typ, body, hits)
	case "stats":
		return statsAgg(body, hits)
	case "percentiles":
		return percentilesAgg(body, hits)
	}
	return nil, parsingError("Unknown aggregation type [%s]", typ)
}

// resolveAggField finds the aggregated field's type; text fields are
// refused as the real server refuses field data on them.
func resolveAggField(body map[string]any, hits []*hit, typ string) (aggField, *httpError) {
	name, _ := body["field"].(string)
	if name == "" {
		return aggField{}, badRequest("illegal_argument_exception", "Required one of fields [field, script], but none were specified.")
	}
	if name == "_id" {
		return aggField{}, fail(400, shardFailure(newErr("illegal_argument_exception", idFielddata)))
	}
	af := aggField{name: name}
	for _, h := range hits {
		if f := h.ix.mapping.lookup(name); f != nil && !f.isObject() {
			af.f = f
			break
		}
	}
	if af.f != nil && af.f.kind() == kindText {
		return af, fail(400, shardFailure(newErr("illegal_argument_exception",
			"Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [%s] in order to load field data by uninverting the inverted index. Note that this can use significant memory.", name)))
	}
	if af.f != nil && af.f.NoDocValues && af.f.kind() != kindText {
		return af, fail(400, shardFailure(newErr("illegal_argument_exception", "%s", noDocValues(name, af.f.Type))))
	}
	if af.f != nil && af.f.kind() == kindOther {
		return af, fail(400, shardFailure(newErr("illegal_argument_exception",
			"Field [%s] of type [%s] is not supported for aggregation [%s]", name, af.f.Type, typ)))
	}
	return af, nil
}

// distinct returns a hit's distinct values of the field.
func distinct(h *hit, field string) []any {
	vals := h.doc.fields[field]
	if len(vals) < 2 {
		return vals
	}
	var out []any
	for _, v := range vals {
		dup := false
		for _, o := range out {
			if o == v {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// bucketKey renders a value as a bucket key, with key_as_string where the
// real server adds one (dates, booleans).
func bucketKey(f *fieldType, v any) (key any, asString any) {
	switch x := v.(type) {
	case int64:
		return x / 1e6, formatDate(x)
	case float64:
		if f != nil && f.kind() == kindLong && math.Abs(x) < 1<<62 {
			return int64(x), nil
		}
		return x, nil
	case bool:
		return boolInt(x), strconv.FormatBool(x)
	case netip.Addr:
		return x.String(), nil
	}
	return v, nil
}

// bucket renders one bucket with its sub-aggregations.
func bucket(v *aggCtx, key, asString any, hits []*hit, sub map[string]any) (map[string]any, *httpError) {
	if he := v.addBuckets(1); he != nil {
		return nil, he
	}
	b := map[string]any{"key": key, "doc_count": len(hits)}
	if asString != nil {
		b["key_as_string"] = asString
	}
	if sub != nil {
		res, he := computeAggs(v, sub, hits)
		if he != nil {
			return nil, he
		}
		for k, r := range res {
			b[k] = r
		}
	}
	return b, nil
}

func metricAgg(typ string, body map[string]any, hits []*hit) (map[string]any, *httpError) {
	af, he := resolveAggField(body, hits, typ)
	if he != nil {
		return nil, he
	}
	var vals []any
	seen := map[any]bool{}
	for _, h := range hits {
		for _, v := range h.doc.fields[af.name] {
			vals = append(vals, v)
			seen[v] = true
		}
	}
	switch typ {
	case "value_count":
		return map[string]any{"value": len(vals)}, nil
	case "cardinality":
		return map[string]any{"value": len(seen)}, nil
	}
	if len(vals) == 0 {
		if typ == "sum" {
			return map[string]any{"value": 0.0}, nil
		}
		return map[string]any{"value": nil}, nil
	}
	nums := make([]float64, len(vals))
	for i, v := range vals {
		nums[i] = numeric(v)
	}
	var r float64
	switch typ {
	case "min":
		r = slicesMin(nums)
	case "max":
		r = -slicesMin(negate(nums))
	default:
		for _, n := range nums {
			r += n
		}
		if typ == "avg" {
			r /= float64(len(nums))
		}
	}
	out := map[string]any{"value": r}
	if af.f != nil && af.f.kind() == kindDate && (typ == "min" || typ == "max") {
		out["value_as_string"] = formatDate(int64(r) * 1e6)
	}
	return out, nil
}

// numeric is a value as a metric sees it (dates in epoch milliseconds).
func numeric(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x / 1e6)
	case bool:
		return float64(boolInt(x))
	}
	return math.NaN()
}

func slicesMin(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs[1:] {
		m = math.Min(m, x)
	}
	return m
}

func negate(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = -x
	}
	return out
}

// sortBuckets orders bucket groups by the order criteria.
func sortBuckets[T any](items []T, less func(a, b T) int) {
	sort.SliceStable(items, func(i, j int) bool { return less(items[i], items[j]) < 0 })
}

// noDocValues is the refusal of sorting or aggregating on a field mapped
// with doc_values: false.
func noDocValues(field, typ string) string {
	return "Can't load fielddata on [" + field + "] because fielddata is unsupported on fields of type [" + typ + "]. Use doc values instead."
}

// idFielddata is the refusal of sorting or aggregating on _id
// (indices.id_field_data.enabled is false by default since 8.0; the fake
// refuses aggregations on _id on every version).
const idFielddata = "Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled"
