package esfake

import (
	"strings"
	"testing"
)

func TestIndexLifecycle(t *testing.T) {
	s := Start(t)
	out := mustCall(t, s, 200, "PUT", "/idx", `{"settings":{"index":{"number_of_shards":1,"number_of_replicas":0}},"mappings":{"properties":{"a":{"type":"keyword"}}}}`)
	if str(out["acknowledged"]) != "true" || str(out["shards_acknowledged"]) != "true" || str(out["index"]) != "idx" {
		t.Fatalf("create: %v", out)
	}
	status, out := call(t, s, "PUT", "/idx", "")
	if status != 400 || str(dig(out, "error", "type")) != "resource_already_exists_exception" {
		t.Fatalf("create twice: %d %v", status, out)
	}
	status, out = call(t, s, "PUT", "/Upper", "")
	if status != 400 || str(dig(out, "error", "type")) != "invalid_index_name_exception" {
		t.Fatalf("invalid name: %d %v", status, out)
	}
	for path, want := range map[string]int{"/idx": 200, "/nope": 404, "/id*": 200} {
		if st, raw, _ := callRaw(t, s, "HEAD", path, ""); st != want || len(raw) != 0 {
			t.Errorf("HEAD %s: %d %q, want %d", path, st, raw, want)
		}
	}
	out = mustCall(t, s, 200, "GET", "/idx", "")
	if got := str(dig(out, "idx", "mappings", "properties", "a", "type")); got != "keyword" {
		t.Errorf("GET index: %v", out)
	}
	mustCall(t, s, 200, "DELETE", "/idx", "")
	status, out = call(t, s, "DELETE", "/idx", "")
	if status != 404 || str(dig(out, "error", "type")) != "index_not_found_exception" || str(dig(out, "error", "index")) != "idx" {
		t.Fatalf("delete missing: %d %v", status, out)
	}
	if len(s.Indices()) != 0 {
		t.Fatalf("indices left: %v", s.Indices())
	}
}

func TestDeleteWildcardByVersion(t *testing.T) {
	for _, tc := range []struct {
		dist, number string
		want         int
	}{{"elasticsearch", "8.15.0", 400}, {"elasticsearch", "7.10.2", 200}, {"opensearch", "2.11.0", 200}} {
		s := Start(t, WithVersion(tc.dist, tc.number))
		mustCall(t, s, 200, "PUT", "/logs-1", "")
		mustCall(t, s, 200, "PUT", "/logs-2", "")
		status, out := call(t, s, "DELETE", "/logs-*", "")
		if status != tc.want {
			t.Errorf("%s %s: DELETE /logs-* %d %v, want %d", tc.dist, tc.number, status, out, tc.want)
		}
		mustCall(t, s, 200, "DELETE", "/logs-1,logs-2?ignore_unavailable=true", "")
		if len(s.Indices()) != 0 {
			t.Errorf("%s %s: left %v", tc.dist, tc.number, s.Indices())
		}
	}
}

func TestRefresh(t *testing.T) {
	s := Start(t)
	bulk(t, s, `{"create":{"_index":"logstack-1","_id":"1"}}`, `{"a":1}`, `{"create":{"_index":"logstack-2","_id":"2"}}`, `{"a":1}`)
	for path, want := range map[string]string{"/logstack*/_refresh": "2", "/_refresh": "2", "/none*/_refresh": "0", "/logstack-1/_refresh": "1"} {
		out := mustCall(t, s, 200, "POST", path, "")
		if got := str(dig(out, "_shards", "total")); got != want || str(dig(out, "_shards", "failed")) != "0" || str(dig(out, "_shards", "successful")) != want {
			t.Errorf("%s: %v, want %s shards", path, out, want)
		}
	}
	mustCall(t, s, 404, "POST", "/missing/_refresh", "")
}

func TestCatIndices(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/logs-b", `{"settings":{"number_of_replicas":0}}`)
	bulk(t, s, `{"create":{"_index":"logs-a","_id":"1"}}`, `{"a":"12345"}`, `{"create":{"_index":"logs-a","_id":"2"}}`, `{"a":"1"}`, `{"create":{"_index":"other","_id":"1"}}`, `{}`)
	status, raw, _ := callRaw(t, s, "GET", "/_cat/indices/logs-*?format=json&bytes=b", "")
	if status != 200 {
		t.Fatalf("cat: %d %s", status, raw)
	}
	got := string(raw)
	for _, want := range []string{`"index":"logs-a"`, `"docs.count":"2"`, `"store.size":"22"`, `"index":"logs-b"`, `"docs.count":"0"`, `"health":"green"`, `"health":"yellow"`} {
		if !strings.Contains(got, want) {
			t.Errorf("cat json lacks %s: %s", want, got)
		}
	}
	if strings.Contains(got, "other") {
		t.Errorf("pattern not applied: %s", got)
	}
	_, raw, _ = callRaw(t, s, "GET", "/_cat/indices?format=json&bytes=b&h=index,docs.count", "")
	if got := string(raw); !strings.Contains(got, `{"docs.count":"1","index":"other"}`) {
		t.Errorf("h= columns: %s", got)
	}
	_, raw, _ = callRaw(t, s, "GET", "/_cat/indices?v&h=index,docs.count&bytes=b", "")
	if got := string(raw); !strings.HasPrefix(got, "index") || !strings.Contains(got, "logs-a") {
		t.Errorf("text table: %q", got)
	}
	mustCall(t, s, 404, "GET", "/_cat/indices/missing?format=json", "")
}

func TestGetDocument(t *testing.T) {
	s := Start(t)
	bulk(t, s, `{"create":{"_index":"d","_id":"1"}}`, `{"a":1}`)
	out := mustCall(t, s, 200, "GET", "/d/_doc/1", "")
	if str(out["found"]) != "true" || str(dig(out, "_source", "a")) != "1" {
		t.Fatalf("get: %v", out)
	}
	out = mustCall(t, s, 404, "GET", "/d/_doc/2", "")
	if str(out["found"]) != "false" {
		t.Fatalf("get missing: %v", out)
	}
}

func TestDataStreams(t *testing.T) {
	s := Start(t)
	status, out := call(t, s, "PUT", "/_data_stream/logstack", "")
	if status != 400 || str(dig(out, "error", "type")) != "illegal_argument_exception" {
		t.Fatalf("data stream without template: %d %v", status, out)
	}
	mustCall(t, s, 200, "PUT", "/_index_template/ds", `{"index_patterns":["logstack*"],"data_stream":{},"priority":100,"template":{"mappings":{"properties":{"n":{"type":"long"}}}}}`)
	out = bulk(t, s,
		`{"create":{"_index":"logstack","_id":"1"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","n":1}`,
		`{"index":{"_index":"logstack","_id":"2"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","n":1}`,
		`{"create":{"_index":"logstack","_id":"3"}}`, `{"n":1}`,
		`{"create":{"_index":"logstack","_id":"4"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","n":"x"}`,
		`{"create":{"_index":"logstack","_id":"1"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","n":1}`,
	)
	for i, want := range []string{"201", "400", "400", "400", "409"} {
		action := map[bool]string{true: "index", false: "create"}[i == 1]
		if got := str(dig(out, "items", itoa(i), action, "status")); got != want {
			t.Errorf("item %d: %v, want %s", i, dig(out, "items", itoa(i)), want)
		}
	}
	backing := str(dig(out, "items", "0", "create", "_index"))
	if !strings.HasPrefix(backing, ".ds-logstack-") || !strings.HasSuffix(backing, "-000001") {
		t.Errorf("backing index %q", backing)
	}
	got := mustCall(t, s, 200, "GET", "/_data_stream/logstack", "")
	if str(dig(got, "data_streams", "0", "name")) != "logstack" || str(dig(got, "data_streams", "0", "indices", "0", "index_name")) != backing ||
		str(dig(got, "data_streams", "0", "timestamp_field", "name")) != "@timestamp" {
		t.Errorf("GET data stream: %v", got)
	}
	resp := mustCall(t, s, 200, "POST", "/logstack/_search", `{"query":{"term":{"n":1}}}`)
	if str(dig(resp, "hits", "total", "value")) != "1" {
		t.Errorf("search through the data stream: %v", resp)
	}
	mustCall(t, s, 404, "GET", "/_data_stream/other", "")
	status, _ = call(t, s, "PUT", "/logstack-x", "")
	if status != 400 {
		t.Errorf("creating a plain index matching a data-stream template: %d", status)
	}
	mustCall(t, s, 200, "PUT", "/_data_stream/logstack-explicit", "")
	mustCall(t, s, 400, "PUT", "/_data_stream/logstack-explicit", "")
	mustCall(t, s, 200, "DELETE", "/_data_stream/logstack", "")
	if ids := s.IDCounts(); ids["1"] != 0 {
		t.Errorf("documents survive data stream deletion: %v", ids)
	}
}

func TestDataStreamRolloverAndRetention(t *testing.T) {
	for _, tc := range []struct {
		dist, number string
		dated        bool
	}{{"elasticsearch", "8.15.0", true}, {"elasticsearch", "7.10.2", false}, {"opensearch", "2.11.0", false}} {
		s := Start(t, WithVersion(tc.dist, tc.number))
		mustCall(t, s, 200, "PUT", "/_index_template/ds", `{"index_patterns":["ls*"],"data_stream":{},"priority":100}`)
		mustCall(t, s, 200, "PUT", "/_data_stream/ls", "")
		bulk(t, s, `{"create":{"_index":"ls","_id":"1"}}`, `{"@timestamp":"2024-01-01T00:00:00Z"}`)
		out := mustCall(t, s, 200, "POST", "/ls/_rollover", "")
		first, second := str(out["old_index"]), str(out["new_index"])
		if tc.dated != (len(first) > len(".ds-ls-000001")) || !strings.HasSuffix(first, "-000001") || !strings.HasSuffix(second, "-000002") {
			t.Errorf("%s %s: backing names %s, %s", tc.dist, tc.number, first, second)
		}
		bulk(t, s, `{"create":{"_index":"ls","_id":"2"}}`, `{"@timestamp":"2024-01-02T00:00:00Z"}`)
		mustCall(t, s, 400, "DELETE", "/"+second, "")
		mustCall(t, s, 200, "DELETE", "/"+first, "")
		ds := mustCall(t, s, 200, "GET", "/_data_stream/ls", "")
		if got := str(dig(ds, "data_streams", "0", "indices")); !strings.Contains(got, second) || strings.Contains(got, first) {
			t.Errorf("%s %s: backing indices after delete %s", tc.dist, tc.number, got)
		}
		if got := str(dig(mustCall(t, s, 200, "POST", "/ls/_count", ""), "count")); got != "1" {
			t.Errorf("%s %s: count %s", tc.dist, tc.number, got)
		}
		_, raw, _ := callRaw(t, s, "GET", "/_cat/indices/ls?format=json&bytes=b&h=index,docs.count,store.size", "")
		if want := `[{"docs.count":"1","index":"` + second + `","store.size":"37"}]`; strings.TrimSpace(string(raw)) != want {
			t.Errorf("%s %s: cat of the data stream %s, want %s", tc.dist, tc.number, raw, want)
		}
	}
}

func TestFixedIntervalBefore72(t *testing.T) {
	s := Start(t, WithVersion("elasticsearch", "7.1.1"))
	bulk(t, s, `{"create":{"_index":"a","_id":"1"}}`, `{"@timestamp":"2024-01-01T00:00:00Z"}`)
	status, out := call(t, s, "POST", "/a/_search", `{"aggs":{"h":{"date_histogram":{"field":"@timestamp","fixed_interval":"1h"}}}}`)
	if status != 400 || str(dig(out, "error", "type")) != "x_content_parse_exception" {
		t.Fatalf("fixed_interval on 7.1: %d %v", status, out)
	}
	mustCall(t, s, 200, "POST", "/a/_search", `{"aggs":{"h":{"date_histogram":{"field":"@timestamp","interval":"1h"}}}}`)
}

func TestSingleDocumentAPIs(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/d", `{"mappings":{"properties":{"n":{"type":"long"}}}}`)
	out := mustCall(t, s, 201, "PUT", "/d/_doc/1", `{"n":1}`)
	if str(out["result"]) != "created" || str(out["_id"]) != "1" || out["status"] != nil {
		t.Errorf("index new: %v", out)
	}
	if out := mustCall(t, s, 200, "PUT", "/d/_doc/1", `{"n":2}`); str(out["result"]) != "updated" || str(out["_version"]) != "2" {
		t.Errorf("index existing: %v", out)
	}
	out = mustCall(t, s, 409, "PUT", "/d/_create/1", `{"n":3}`)
	if str(dig(out, "error", "type")) != "version_conflict_engine_exception" || str(dig(out, "error", "root_cause", "0", "type")) != "version_conflict_engine_exception" || str(out["status"]) != "409" {
		t.Errorf("create existing: %v", out)
	}
	mustCall(t, s, 409, "PUT", "/d/_doc/1?op_type=create", `{"n":3}`)
	out = mustCall(t, s, 400, "POST", "/d/_doc", `{"n":"x"}`)
	if str(dig(out, "error", "type")) != docErr {
		t.Errorf("bad document: %v", out)
	}
	out = mustCall(t, s, 201, "POST", "/d/_doc", `{"n":4}`)
	if id := str(out["_id"]); len(id) != 20 {
		t.Errorf("generated id %q", id)
	}
	if got := str(dig(mustCall(t, s, 200, "GET", "/d/_doc/1", ""), "_source", "n")); got != "2" {
		t.Errorf("get after update: %s", got)
	}
	if out := mustCall(t, s, 200, "DELETE", "/d/_doc/1", ""); str(out["result"]) != "deleted" {
		t.Errorf("delete: %v", out)
	}
	mustCall(t, s, 404, "DELETE", "/d/_doc/1", "")
	if len(s.IDCounts()) != 1 {
		t.Errorf("IDCounts %v", s.IDCounts())
	}
}

func TestClusterHealthAndAllMappings(t *testing.T) {
	s := Start(t)
	if got := str(mustCall(t, s, 200, "GET", "/_cluster/health", "")["status"]); got != "green" {
		t.Errorf("empty cluster %s", got)
	}
	mustCall(t, s, 200, "PUT", "/a", `{"settings":{"number_of_replicas":0}}`)
	if got := str(mustCall(t, s, 200, "GET", "/_cluster/health", "")["status"]); got != "green" {
		t.Errorf("no replicas %s", got)
	}
	mustCall(t, s, 200, "PUT", "/b", "")
	out := mustCall(t, s, 200, "GET", "/_cluster/health", "")
	if str(out["status"]) != "yellow" || str(out["unassigned_shards"]) != "1" || str(out["active_primary_shards"]) != "2" {
		t.Errorf("replicas on one node: %v", out)
	}
	m := mustCall(t, s, 200, "GET", "/_mapping", "")
	if m["a"] == nil || m["b"] == nil {
		t.Errorf("GET /_mapping: %v", m)
	}
}
