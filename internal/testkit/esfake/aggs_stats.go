package esfake

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// The stats and percentiles aggregations, as logstack's metric alarms ask
// for them per date_histogram bucket (store.MetricStore). Their replies
// follow the documented format; percentiles are EXACT here (nearest rank:
// the smallest value with at least p% of the values less than or equal to
// it), where a real cluster approximates them with a TDigest
// (Elasticsearch, OpenSearch) and interpolates between values, so tests
// passing against the fake say nothing about a real cluster's accuracy.

// defaultPercents are the percents of a percentiles aggregation without
// "percents".
var defaultPercents = []float64{1, 5, 25, 50, 75, 95, 99}

// numericValues resolves the aggregated field for a numeric-only
// aggregation and returns every value of the hits (each element of
// multi-valued fields, duplicates kept, as numeric doc values are).
func numericValues(typ string, body map[string]any, hits []*hit) ([]float64, *httpError) {
	af, he := resolveAggField(body, hits, typ)
	if he != nil {
		return nil, he
	}
	if af.f != nil && (af.f.kind() == kindKeyword || af.f.kind() == kindIP) {
		return nil, fail(400, shardFailure(newErr("illegal_argument_exception",
			"Field [%s] of type [%s] is not supported for aggregation [%s]", af.name, af.f.Type, typ)))
	}
	var out []float64
	for _, h := range hits {
		for _, v := range h.doc.fields[af.name] {
			out = append(out, numeric(v))
		}
	}
	return out, nil
}

// statsAgg answers {"stats": {"field": f}}: count, min, max, avg and sum,
// with null min, max and avg (and sum 0) when there is no value.
func statsAgg(body map[string]any, hits []*hit) (map[string]any, *httpError) {
	vals, he := numericValues("stats", body, hits)
	if he != nil {
		return nil, he
	}
	if len(vals) == 0 {
		return map[string]any{"count": 0, "min": nil, "max": nil, "avg": nil, "sum": 0.0}, nil
	}
	var sum float64
	for _, v := range vals {
		sum += v
	}
	return map[string]any{"count": len(vals), "min": slices.Min(vals), "max": slices.Max(vals),
		"avg": sum / float64(len(vals)), "sum": sum}, nil
}

// percentilesAgg answers {"percentiles": {"field": f, "percents": [...],
// "keyed": bool}}: values keyed by the percent as Java prints a double
// ({"99.0": v}) or, with keyed false, a list of {key, value}; null values
// when there is no value.
func percentilesAgg(body map[string]any, hits []*hit) (map[string]any, *httpError) {
	percents, he := parsePercents(body["percents"])
	if he != nil {
		return nil, he
	}
	vals, he := numericValues("percentiles", body, hits)
	if he != nil {
		return nil, he
	}
	slices.Sort(vals)
	keyed := true
	if raw, ok := body["keyed"]; ok {
		b, isBool := raw.(bool)
		if !isBool {
			return nil, parsingError("[percentiles] keyed doesn't support values of type: VALUE_STRING")
		}
		keyed = b
	}
	byKey := map[string]any{}
	var list []any
	for _, p := range percents {
		var v any
		if len(vals) > 0 {
			v = nearestRank(vals, p)
		}
		byKey[javaDouble(p)] = v
		list = append(list, map[string]any{"key": p, "value": v})
	}
	if keyed {
		return map[string]any{"values": byKey}, nil
	}
	return map[string]any{"values": list}, nil
}

// parsePercents reads "percents": a non-empty array of numbers in 0..100.
func parsePercents(raw any) ([]float64, *httpError) {
	if raw == nil {
		return defaultPercents, nil
	}
	arr, ok := raw.([]any)
	if !ok || len(arr) == 0 {
		return nil, badRequest("illegal_argument_exception", "[percents] must not be empty: [percentiles]")
	}
	out := make([]float64, len(arr))
	for i, x := range arr {
		p, ok := jsonFloat(x)
		if !ok {
			return nil, parsingError("[percentiles] percents doesn't support values of type: VALUE_STRING")
		}
		if p < 0 || p > 100 {
			return nil, badRequest("illegal_argument_exception", "percent must be in [0,100], got [%s]: [percentiles]", javaDouble(p))
		}
		out[i] = p
	}
	return out, nil
}

// jsonFloat reads a decoded JSON number.
func jsonFloat(x any) (float64, bool) {
	switch n := x.(type) {
	case float64:
		return n, true
	case interface{ Float64() (float64, error) }:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// nearestRank returns the p-th percentile of sorted values: the value at
// rank ceil(p * n / 100), at least 1, as alarm.Statistic computes it.
func nearestRank(sorted []float64, p float64) float64 {
	rank := int(math.Ceil(p * float64(len(sorted)) / 100))
	return sorted[max(rank, 1)-1]
}

// javaDouble prints a double as Java's Double.toString does, which is how
// a cluster writes percentile keys: "99.0", "99.9", "1.0E-4", "1.0E7".
func javaDouble(f float64) string {
	a := math.Abs(f)
	if a == 0 || (a >= 1e-3 && a < 1e7) {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}
