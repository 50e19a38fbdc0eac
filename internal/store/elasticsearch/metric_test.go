package elasticsearch

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// TestMetricRequest checks the metric search body and the reading of a
// cluster's reply: buckets whose matches hold no value are dropped, and
// percentiles are taken by key, whatever their order, as the cluster
// computed them (interpolated by its TDigest).
func TestMetricRequest(t *testing.T) {
	var reply string
	rc := &recorder{}
	rc.on("POST /logstack-*.*.*.*/_search", func(r request) (int, string) { return 200, reply })
	s := openAt(t, startRecorder(t, rc), nil)
	f := func(req store.MetricRequest, r, wantAggs, want string) {
		t.Helper()
		reply = r
		res, err := s.Metric(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(res.Buckets); got != want {
			t.Errorf("result\n%s\nwant\n%s", got, want)
		}
		reqs := rc.requests("POST /")
		var body map[string]json.RawMessage
		_ = json.Unmarshal(reqs[len(reqs)-1].body, &body)
		if string(body["aggs"]) != wantAggs || string(body["size"]) != "0" {
			t.Errorf("aggs %s size %s\nwant %s", body["aggs"], body["size"], wantAggs)
		}
	}
	f(store.MetricRequest{Interval: time.Minute, Field: "http.response.status_code", Percentiles: []float64{50, 99.9}},
		`{"hits":{"total":{"value":5,"relation":"eq"}},"aggregations":{"a":{"buckets":[`+
			`{"key":1795341600000,"key_as_string":"2026-11-22T10:00:00.000Z","doc_count":3,"stats":{"count":2,"min":200,"max":404,"avg":302,"sum":604},"percentiles":{"values":[{"key":99.9,"value":404},{"key":50,"value":302}]}},`+
			`{"key":1795341660000,"key_as_string":"2026-11-22T10:01:00.000Z","doc_count":2,"stats":{"count":0,"min":null,"max":null,"avg":null,"sum":0},"percentiles":{"values":[{"key":50,"value":null},{"key":99.9,"value":null}]}}]}}}`,
		`{"a":{"aggs":{"percentiles":{"percentiles":{"field":"http.response.status_code","keyed":false,"percents":[50,99.9]}},"stats":{"stats":{"field":"http.response.status_code"}}},"date_histogram":{"field":"@timestamp","fixed_interval":"60s","min_doc_count":1}}}`,
		"[{2026-11-22 10:00:00 +0000 UTC 2 604 200 404 [302 404]}]")
	f(store.MetricRequest{Interval: 5 * time.Minute, Percentiles: []float64{90}},
		`{"aggregations":{"a":{"buckets":[{"key":1795341600000,"doc_count":7}]}}}`,
		`{"a":{"date_histogram":{"field":"@timestamp","fixed_interval":"300s","min_doc_count":1}}}`,
		"[{2026-11-22 10:00:00 +0000 UTC 7 7 1 1 [1]}]")
}

// TestMetricRefusals: a field not mapped as a number, an index refusing
// the aggregation, a sub-millisecond interval and a reply without the
// asked percentiles are errors; the first three are bad requests.
func TestMetricRefusals(t *testing.T) {
	var reply string
	rc := &recorder{}
	rc.on("POST /logstack-*.*.*.*/_search", func(r request) (int, string) { return 200, reply })
	rc.on("GET /logstack-*.*.*.*/_mapping", func(r request) (int, string) { return 200, `{}` })
	s := openAt(t, startRecorder(t, rc), nil)
	f := func(req store.MetricRequest, r string, bad bool) {
		t.Helper()
		reply = r
		_, err := s.Metric(t.Context(), req)
		if err == nil || errors.Is(err, store.ErrBadRequest) != bad {
			t.Errorf("%+v: %v, want an error (bad request %v)", req, err, bad)
		}
	}
	f(store.MetricRequest{Interval: time.Minute, Field: "service.name"}, "", true)
	f(store.MetricRequest{Interval: time.Minute, Field: "@timestamp"}, "", true)
	f(store.MetricRequest{Interval: 1500 * time.Microsecond}, "", true)
	f(store.MetricRequest{Interval: time.Minute, Field: "retry.count"},
		`{"_shards":{"failed":1,"failures":[{"index":"i","reason":{"type":"illegal_argument_exception","reason":"Field [retry.count] of type [keyword] is not supported for aggregation [stats]"}}]}}`, true)
	f(store.MetricRequest{Interval: time.Minute, Field: "http.response.status_code", Percentiles: []float64{50}},
		`{"aggregations":{"a":{"buckets":[{"key":1795341600000,"doc_count":1,"stats":{"count":1,"min":1,"max":1,"avg":1,"sum":1},"percentiles":{"values":[{"key":99,"value":1}]}}]}}}`, false)
}
