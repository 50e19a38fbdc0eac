package elasticsearch

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// TestSearchRequest checks the search body, endpoint and reply reading.
func TestSearchRequest(t *testing.T) {
	rc := &recorder{}
	rc.on("POST /logstack-*.*.*.*/_search", func(r request) (int, string) {
		return 200, `{"took":1,"hits":{"total":{"value":42,"relation":"eq"},"hits":[{"_index":"i","_id":"b","_source":{"event":{"id":"b"}}},{"_index":"i","_id":"a","_source":{"event":{"id":"a"}}}]}}`
	})
	s := openAt(t, startRecorder(t, rc), nil)
	from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	res, err := s.Search(t.Context(), store.SearchRequest{Query: query.Term{Field: "log.level", Value: "error"}, From: from, Limit: 2, SortAscending: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 42 || len(res.Hits) != 2 || string(res.Hits[0]) != `{"event":{"id":"b"}}` {
		t.Fatalf("result %+v", res)
	}
	r := rc.requests("POST /logstack-*.*.*.*/_search")[0]
	if r.query != "ignore_unavailable=true&allow_no_indices=true" {
		t.Errorf("query string %q", r.query)
	}
	want := `{"query":{"bool":{"filter":[{"term":{"log.level":{"value":"error"}}},{"range":{"@timestamp":{"gte":"2026-11-22T00:00:00Z"}}}]}},"size":2,"sort":[{"@timestamp":{"order":"asc"}},{"event.id":{"order":"asc"}}],"track_total_hits":true}`
	if string(r.body) != want {
		t.Errorf("body\n%s\nwant\n%s", r.body, want)
	}
	if _, err := s.Search(t.Context(), store.SearchRequest{Limit: 10001}); !errors.Is(err, store.ErrBadRequest) {
		t.Errorf("limit 10001: %v", err)
	}
}

// TestAggregateRequest checks terms and date_histogram bodies and the
// conversion of their buckets to the DuckDB store's keys.
func TestAggregateRequest(t *testing.T) {
	var reply string
	rc := &recorder{}
	rc.on("POST /logstack-*.*.*.*/_search", func(r request) (int, string) { return 200, reply })
	s := openAt(t, startRecorder(t, rc), func(o *Options) { o.Fields = []Field{{"flag", typeBoolean}} })
	f := func(req store.AggregateRequest, r, wantAgg, want string) {
		t.Helper()
		reply = r
		res, err := s.Aggregate(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%d %v", res.Total, res.Buckets); got != want {
			t.Errorf("result %s, want %s", got, want)
		}
		reqs := rc.requests("POST /")
		var body map[string]json.RawMessage
		_ = json.Unmarshal(reqs[len(reqs)-1].body, &body)
		if string(body["aggs"]) != wantAgg || string(body["size"]) != "0" || string(body["track_total_hits"]) != "true" {
			t.Errorf("aggs %s size %s, want %s", body["aggs"], body["size"], wantAgg)
		}
	}
	f(store.AggregateRequest{Field: "http.response.status_code", Size: 2},
		`{"hits":{"total":{"value":9,"relation":"eq"}},"aggregations":{"a":{"buckets":[{"key":200,"doc_count":4},{"key":502,"doc_count":2}]}}}`,
		`{"a":{"terms":{"field":"http.response.status_code","order":[{"_count":"desc"},{"_key":"asc"}],"size":2}}}`,
		"9 [{200 4} {502 2}]")
	f(store.AggregateRequest{Field: "flag"},
		`{"hits":{"total":{"value":3,"relation":"eq"}},"aggregations":{"a":{"buckets":[{"key":1,"key_as_string":"true","doc_count":2},{"key":0,"key_as_string":"false","doc_count":1}]}}}`,
		`{"a":{"terms":{"field":"flag","order":[{"_count":"desc"},{"_key":"asc"}],"size":10}}}`,
		"3 [{true 2} {false 1}]")
	f(store.AggregateRequest{Field: "aws.elb.request_processing_time.sec"},
		`{"hits":{"total":{"value":1,"relation":"eq"}},"aggregations":{"a":{"buckets":[{"key":7.3E-5,"doc_count":1}]}}}`,
		`{"a":{"terms":{"field":"aws.elb.request_processing_time.sec","order":[{"_count":"desc"},{"_key":"asc"}],"size":10}}}`,
		"1 [{7.3e-05 1}]")
	f(store.AggregateRequest{Interval: time.Hour},
		`{"hits":{"total":{"value":4,"relation":"eq"}},"aggregations":{"a":{"buckets":[{"key_as_string":"2026-11-22T00:00:00.000Z","key":1795305600000,"doc_count":3},{"key":1795316400000,"doc_count":1}]}}}`,
		`{"a":{"date_histogram":{"field":"@timestamp","fixed_interval":"3600s","min_doc_count":1}}}`,
		"4 [{2026-11-22 00:00:00 +0000 UTC 3} {2026-11-22 01:00:00 +0000 UTC 0} {2026-11-22 02:00:00 +0000 UTC 0} {2026-11-22 03:00:00 +0000 UTC 1}]")
	f(store.AggregateRequest{Interval: 1500 * time.Millisecond},
		`{"hits":{"total":{"value":0,"relation":"eq"}}}`,
		`{"a":{"date_histogram":{"field":"@timestamp","fixed_interval":"1500ms","min_doc_count":1}}}`,
		"0 []")
	for _, req := range []store.AggregateRequest{{}, {Field: "a", Interval: time.Hour}, {Interval: -time.Hour}, {Interval: time.Microsecond}, {Field: "a", Size: -1}, {Field: "message"}} {
		if _, err := s.Aggregate(t.Context(), req); !errors.Is(err, store.ErrBadRequest) {
			t.Errorf("%+v: err = %v, want ErrBadRequest", req, err)
		}
	}
	if !strings.HasPrefix(s.Cluster(), "Elasticsearch 8.15.0") {
		t.Errorf("cluster %q", s.Cluster())
	}
}

// TestHistogramBeforeES72 checks the pre-7.2 interval key.
func TestHistogramBeforeES72(t *testing.T) {
	rc := &recorder{version: "7.1.1"}
	rc.on("POST /logstack-*.*.*.*/_search", func(r request) (int, string) {
		return 200, `{"hits":{"total":{"value":0,"relation":"eq"}}}`
	})
	s := openAt(t, startRecorder(t, rc), nil)
	if _, err := s.Aggregate(t.Context(), store.AggregateRequest{Interval: time.Minute}); err != nil {
		t.Fatal(err)
	}
	body := string(rc.requests("POST /")[0].body)
	if !strings.Contains(body, `"date_histogram":{"field":"@timestamp","interval":"60s","min_doc_count":1}`) {
		t.Errorf("body %s", body)
	}
}
