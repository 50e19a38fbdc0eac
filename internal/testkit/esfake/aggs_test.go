package esfake

import (
	"testing"
)

func aggs(t *testing.T, s *Server, body string) map[string]any {
	t.Helper()
	resp := mustCall(t, s, 200, "POST", "/logs-*/_search", body)
	out, _ := resp["aggregations"].(map[string]any)
	return out
}

func TestTermsAggregation(t *testing.T) {
	s := fixture(t)
	f := func(agg, want string) {
		t.Helper()
		out := aggs(t, s, `{"size":0,"aggs":{"a":`+agg+`}}`)
		if got := str(dig(out, "a", "buckets")); got != want {
			t.Errorf("%s:\n got %s\nwant %s", agg, got, want)
		}
	}
	f(`{"terms":{"field":"tags"}}`, `[{"doc_count":2,"key":"a"},{"doc_count":2,"key":"b"},{"doc_count":1,"key":"c"}]`)
	f(`{"terms":{"field":"tags","size":2,"order":[{"_count":"desc"},{"_key":"asc"}]}}`, `[{"doc_count":2,"key":"a"},{"doc_count":2,"key":"b"}]`)
	f(`{"terms":{"field":"tags","order":{"_key":"desc"}}}`, `[{"doc_count":1,"key":"c"},{"doc_count":2,"key":"b"},{"doc_count":2,"key":"a"}]`)
	f(`{"terms":{"field":"tags","order":{"_count":"asc"}}}`, `[{"doc_count":1,"key":"c"},{"doc_count":2,"key":"a"},{"doc_count":2,"key":"b"}]`)
	f(`{"terms":{"field":"http.status"}}`, `[{"doc_count":2,"key":200},{"doc_count":1,"key":404},{"doc_count":1,"key":500},{"doc_count":1,"key":503}]`)
	f(`{"terms":{"field":"ok"}}`, `[{"doc_count":2,"key":1,"key_as_string":"true"},{"doc_count":1,"key":0,"key_as_string":"false"}]`)
	f(`{"terms":{"field":"client.ip","size":1}}`, `[{"doc_count":1,"key":"10.0.0.1"}]`)
	f(`{"terms":{"field":"url.path","missing":"none","size":1}}`, `[{"doc_count":2,"key":"none"}]`)
	f(`{"terms":{"field":"unmapped"}}`, `[]`)
	f(`{"terms":{"field":"tags","min_doc_count":2}}`, `[{"doc_count":2,"key":"a"},{"doc_count":2,"key":"b"}]`)
	out := aggs(t, s, `{"size":0,"aggs":{"a":{"terms":{"field":"tags","size":1}}}}`)
	if got := str(dig(out, "a", "sum_other_doc_count")); got != "3" {
		t.Errorf("sum_other_doc_count %s", got)
	}
	if got := str(dig(out, "a", "doc_count_error_upper_bound")); got != "0" {
		t.Errorf("doc_count_error_upper_bound %s", got)
	}
	out = aggs(t, s, `{"size":0,"query":{"term":{"ok":true}},"aggs":{"a":{"terms":{"field":"tags"},"aggs":{"s":{"terms":{"field":"http.status"}}}}}}`)
	if got := str(dig(out, "a", "buckets")); got != `[{"doc_count":1,"key":"b","s":{"buckets":[{"doc_count":1,"key":200}],"doc_count_error_upper_bound":0,"sum_other_doc_count":0}}]` {
		t.Errorf("sub-aggregation over the query's hits: %s", got)
	}
}

func TestDateHistogram(t *testing.T) {
	s := fixture(t)
	f := func(agg, want string) {
		t.Helper()
		out := aggs(t, s, `{"size":0,"aggs":{"h":`+agg+`}}`)
		if got := str(dig(out, "h", "buckets")); got != want {
			t.Errorf("%s:\n got %s\nwant %s", agg, got, want)
		}
	}
	f(`{"date_histogram":{"field":"@timestamp","fixed_interval":"60s","min_doc_count":1}}`,
		`[{"doc_count":3,"key":1704067200000,"key_as_string":"2024-01-01T00:00:00.000Z"},{"doc_count":1,"key":1704067260000,"key_as_string":"2024-01-01T00:01:00.000Z"},{"doc_count":1,"key":1704067320000,"key_as_string":"2024-01-01T00:02:00.000Z"}]`)
	f(`{"date_histogram":{"field":"@timestamp","fixed_interval":"1h","min_doc_count":1}}`,
		`[{"doc_count":5,"key":1704067200000,"key_as_string":"2024-01-01T00:00:00.000Z"}]`)
	f(`{"date_histogram":{"field":"@timestamp","fixed_interval":"1d"}}`,
		`[{"doc_count":5,"key":1704067200000,"key_as_string":"2024-01-01T00:00:00.000Z"}]`)
	f(`{"date_histogram":{"field":"@timestamp","fixed_interval":"7s","min_doc_count":1}}`,
		`[{"doc_count":2,"key":1704067197000,"key_as_string":"2023-12-31T23:59:57.000Z"},{"doc_count":1,"key":1704067225000,"key_as_string":"2024-01-01T00:00:25.000Z"},{"doc_count":1,"key":1704067260000,"key_as_string":"2024-01-01T00:01:00.000Z"},{"doc_count":1,"key":1704067316000,"key_as_string":"2024-01-01T00:01:56.000Z"}]`)
	// min_doc_count 0 (the default) fills the gaps between the first and last buckets.
	f(`{"date_histogram":{"field":"@timestamp","fixed_interval":"30s","min_doc_count":0,"extended_bounds":{"min":"2024-01-01T00:00:00Z","max":"2024-01-01T00:02:30Z"}}}`,
		`[{"doc_count":2,"key":1704067200000,"key_as_string":"2024-01-01T00:00:00.000Z"},{"doc_count":1,"key":1704067230000,"key_as_string":"2024-01-01T00:00:30.000Z"},{"doc_count":1,"key":1704067260000,"key_as_string":"2024-01-01T00:01:00.000Z"},{"doc_count":0,"key":1704067290000,"key_as_string":"2024-01-01T00:01:30.000Z"},{"doc_count":1,"key":1704067320000,"key_as_string":"2024-01-01T00:02:00.000Z"},{"doc_count":0,"key":1704067350000,"key_as_string":"2024-01-01T00:02:30.000Z"}]`)
	f(`{"date_histogram":{"field":"@timestamp","calendar_interval":"month","min_doc_count":1}}`,
		`[{"doc_count":5,"key":1704067200000,"key_as_string":"2024-01-01T00:00:00.000Z"}]`)
	f(`{"date_histogram":{"field":"@timestamp","calendar_interval":"week","min_doc_count":1}}`,
		`[{"doc_count":5,"key":1704067200000,"key_as_string":"2024-01-01T00:00:00.000Z"}]`) // 2024-01-01 is a Monday
	f(`{"date_histogram":{"field":"@timestamp","fixed_interval":"1h","offset":"+30m","min_doc_count":1}}`,
		`[{"doc_count":5,"key":1704065400000,"key_as_string":"2023-12-31T23:30:00.000Z"}]`)
	out := aggs(t, s, `{"size":0,"query":{"term":{"nope":"x"}},"aggs":{"h":{"date_histogram":{"field":"@timestamp","fixed_interval":"60s"}}}}`)
	if got := str(dig(out, "h", "buckets")); got != `[]` {
		t.Errorf("no hits: %s", got)
	}
}

func TestAggregationErrors(t *testing.T) {
	s := fixture(t)
	for _, tc := range []struct{ body, wantType string }{
		{`{"aggs":{"h":{"date_histogram":{"field":"@timestamp","fixed_interval":"1x"}}}}`, "illegal_argument_exception"},
		{`{"aggs":{"h":{"date_histogram":{"field":"@timestamp","calendar_interval":"2d"}}}}`, "illegal_argument_exception"},
		{`{"aggs":{"h":{"date_histogram":{"field":"@timestamp","interval":"1h"}}}}`, "x_content_parse_exception"},
		{`{"aggs":{"h":{"date_histogram":{"field":"@timestamp"}}}}`, "illegal_argument_exception"},
		{`{"aggs":{"h":{"date_histogram":{"field":"http.status","fixed_interval":"1h"}}}}`, "search_phase_execution_exception"},
		{`{"aggs":{"h":{"date_histogram":{"field":"@timestamp","fixed_interval":"1ms","min_doc_count":0,"extended_bounds":{"min":0,"max":1704067200000}}}}}`, "search_phase_execution_exception"},
		{`{"aggs":{"t":{"terms":{"field":"message"}}}}`, "search_phase_execution_exception"},
		{`{"aggs":{"t":{"terms":{}}}}`, "illegal_argument_exception"},
		{`{"aggs":{"t":{"geo_bounds":{"field":"took"}}}}`, "parsing_exception"},
		{`{"aggs":{"t":{"percentiles":{"field":"http.status","percents":[101]}}}}`, "illegal_argument_exception"},
		{`{"aggs":{"t":{"percentiles":{"field":"http.status","percents":[]}}}}`, "illegal_argument_exception"},
		{`{"aggs":{"t":{"stats":{"field":"tags"}}}}`, "search_phase_execution_exception"},
		{`{"aggs":{"t":{"terms":{"field":"tags","size":0}}}}`, "illegal_argument_exception"},
	} {
		status, out := call(t, s, "POST", "/logs-*/_search", tc.body)
		if status != 400 || str(dig(out, "error", "type")) != tc.wantType {
			t.Errorf("%s: %d %v, want 400 %s", tc.body, status, out, tc.wantType)
		}
	}
	// Elasticsearch 7 still takes the deprecated interval.
	s7 := fixture(t, WithVersion("elasticsearch", "7.10.2"))
	out := mustCall(t, s7, 200, "POST", "/logs-*/_search", `{"size":0,"aggs":{"h":{"date_histogram":{"field":"@timestamp","interval":"1h","min_doc_count":1}}}}`)
	if got := str(dig(out, "aggregations", "h", "buckets", "0", "doc_count")); got != "5" {
		t.Errorf("7.x interval: %v", out)
	}
}

func TestMetricAggregations(t *testing.T) {
	s := fixture(t)
	out := aggs(t, s, `{"size":0,"aggs":{"min":{"min":{"field":"http.status"}},"max":{"max":{"field":"@timestamp"}},"c":{"cardinality":{"field":"tags"}},"n":{"value_count":{"field":"tags"}},"avg":{"avg":{"field":"http.status"}}}}`)
	for path, want := range map[string]string{"min": "200", "max": "1704067320000", "c": "3", "n": "5", "avg": "361.4"} {
		if got := str(dig(out, path, "value")); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	if got := str(dig(out, "max", "value_as_string")); got != "2024-01-01T00:02:00.000Z" {
		t.Errorf("max value_as_string %s", got)
	}
}
