package esfake

import "testing"

// TestStatsAndPercentiles checks the documented reply formats and the
// fake's exact nearest-rank percentiles (a real cluster approximates).
func TestStatsAndPercentiles(t *testing.T) {
	s := fixture(t)
	f := func(agg, want string) {
		t.Helper()
		out := aggs(t, s, `{"size":0,"aggs":{"a":`+agg+`}}`)
		if got := str(out["a"]); got != want {
			t.Errorf("%s:\n got %s\nwant %s", agg, got, want)
		}
	}
	// http.status is 500, 200, 404, 503, 200.
	f(`{"stats":{"field":"http.status"}}`, `{"avg":361.4,"count":5,"max":503,"min":200,"sum":1807}`)
	f(`{"stats":{"field":"unmapped"}}`, `{"avg":null,"count":0,"max":null,"min":null,"sum":0}`)
	f(`{"percentiles":{"field":"http.status","percents":[0,40,41,50,99.9,100]}}`,
		`{"values":{"0.0":200,"100.0":503,"40.0":200,"41.0":404,"50.0":404,"99.9":503}}`)
	f(`{"percentiles":{"field":"http.status","percents":[50,0],"keyed":false}}`,
		`{"values":[{"key":50,"value":404},{"key":0,"value":200}]}`)
	f(`{"percentiles":{"field":"http.status"}}`,
		`{"values":{"1.0":200,"25.0":200,"5.0":200,"50.0":404,"75.0":500,"95.0":503,"99.0":503}}`)
	f(`{"percentiles":{"field":"unmapped","percents":[50]}}`, `{"values":{"50.0":null}}`)
	// Per date_histogram bucket: 00:00 holds 500, 200 (30.5s) and 200.
	f(`{"date_histogram":{"field":"@timestamp","fixed_interval":"1m","min_doc_count":1},"aggs":{"s":{"stats":{"field":"http.status"}},"p":{"percentiles":{"field":"http.status","percents":[50],"keyed":false}}}}`,
		`{"buckets":[`+
			`{"doc_count":3,"key":1704067200000,"key_as_string":"2024-01-01T00:00:00.000Z","p":{"values":[{"key":50,"value":200}]},"s":{"avg":300,"count":3,"max":500,"min":200,"sum":900}},`+
			`{"doc_count":1,"key":1704067260000,"key_as_string":"2024-01-01T00:01:00.000Z","p":{"values":[{"key":50,"value":404}]},"s":{"avg":404,"count":1,"max":404,"min":404,"sum":404}},`+
			`{"doc_count":1,"key":1704067320000,"key_as_string":"2024-01-01T00:02:00.000Z","p":{"values":[{"key":50,"value":503}]},"s":{"avg":503,"count":1,"max":503,"min":503,"sum":503}}]}`)
}

// TestJavaDouble checks percentile keys against Java's Double.toString.
func TestJavaDouble(t *testing.T) {
	f := func(v float64, want string) {
		t.Helper()
		if got := javaDouble(v); got != want {
			t.Errorf("javaDouble(%v) = %s, want %s", v, got, want)
		}
	}
	f(0, "0.0")
	f(99, "99.0")
	f(99.9, "99.9")
	f(100, "100.0")
	f(0.001, "0.001")
	f(0.0001, "1.0E-4")
	f(1.5e-5, "1.5E-5")
	f(1e7, "1.0E7")
}
