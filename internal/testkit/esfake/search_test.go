package esfake

import (
	"strings"
	"testing"
)

const fixtureMapping = `{"mappings":{"dynamic_templates":[{"kw":{"match_mapping_type":"string","mapping":{"type":"keyword"}}}],
 "properties":{"@timestamp":{"type":"date"},"event":{"properties":{"id":{"type":"keyword"}}},"message":{"type":"text"},
 "http":{"properties":{"status":{"type":"long"}}},"client":{"properties":{"ip":{"type":"ip"}}},"took":{"type":"float"},
 "ok":{"type":"boolean"}}}}`

// fixture holds five documents in logs-a and logs-b; dotted keys and
// nested objects are mixed on purpose.
func fixture(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := Start(t, opts...)
	mustCall(t, s, 200, "PUT", "/logs-a", fixtureMapping)
	mustCall(t, s, 200, "PUT", "/logs-b", fixtureMapping)
	bulk(t, s,
		`{"create":{"_index":"logs-a","_id":"1"}}`,
		`{"@timestamp":"2024-01-01T00:00:00Z","event":{"id":"1"},"message":"GET /index.html failed: Connection_Reset by peer","http":{"status":500},"client":{"ip":"10.0.0.1"},"url.path":"/index.html","tags":["a","b"],"took":0.5,"ok":false}`,
		`{"create":{"_index":"logs-a","_id":"2"}}`,
		`{"@timestamp":"2024-01-01T00:00:30.5Z","event.id":"2","message":"user Bob logged in","http.status":200,"client.ip":"10.0.1.7","url":{"path":"/login"},"tags":"b","took":1.25,"ok":true}`,
		`{"create":{"_index":"logs-b","_id":"3"}}`,
		`{"@timestamp":"2024-01-01T00:01:00Z","event":{"id":"3"},"message":"bob logged out","http":{"status":404},"client":{"ip":"192.168.1.1"},"url":{"path":"/Logout"},"took":2,"ok":true}`,
		`{"create":{"_index":"logs-b","_id":"4"}}`,
		`{"@timestamp":1704067320000,"event":{"id":"4"},"message":"Über straße café","http":{"status":503},"client":{"ip":"::1"},"tags":["c"]}`,
		`{"create":{"_index":"logs-b","_id":"5"}}`,
		`{"@timestamp":"2024-01-01T01:00:00+01:00","event":{"id":"5"},"message":"logged in twice","http":{"status":200},"tags":["a"]}`,
	)
	return s
}

func TestQueries(t *testing.T) {
	s := fixture(t)
	f := func(query string, want string) {
		t.Helper()
		resp := mustCall(t, s, 200, "POST", "/logs-*/_search?ignore_unavailable=true&allow_no_indices=true",
			`{"size":100,"sort":[{"event.id":{"order":"asc"}}],"track_total_hits":true,"query":`+query+`}`)
		if got := strings.Join(hitIDs(resp), ","); got != want {
			t.Errorf("query %s: got [%s], want [%s]", query, got, want)
		}
		if got := str(dig(resp, "hits", "total", "value")); got != itoa(len(hitIDs(resp))) {
			t.Errorf("query %s: total %s", query, got)
		}
	}
	f(`{"match_all":{}}`, "1,2,3,4,5")
	f(`{"match_none":{}}`, "")
	// term: exact on keyword, token on text, typed on numbers, ip, bool, date.
	f(`{"term":{"event.id":{"value":"2"}}}`, "2")
	f(`{"term":{"event.id":"2"}}`, "2")
	f(`{"term":{"url.path":"/login"}}`, "2")
	f(`{"term":{"url.path":"/LOGIN"}}`, "")
	f(`{"term":{"url.path":{"value":"/LOGOUT","case_insensitive":true}}}`, "3")
	f(`{"term":{"message":"bob"}}`, "2,3")
	f(`{"term":{"message":"Bob"}}`, "")
	f(`{"term":{"message":"connection_reset"}}`, "1")
	f(`{"term":{"http.status":200}}`, "2,5")
	f(`{"term":{"http.status":"200"}}`, "2,5")
	f(`{"term":{"client.ip":"10.0.0.0/16"}}`, "1,2")
	f(`{"term":{"client.ip":"::1"}}`, "4")
	f(`{"term":{"ok":true}}`, "2,3")
	f(`{"term":{"@timestamp":"2024-01-01T00:01:00Z"}}`, "3")
	f(`{"term":{"tags":"b"}}`, "1,2")
	f(`{"term":{"nope":"x"}}`, "")
	f(`{"terms":{"event.id":["1","3","9"]}}`, "1,3")
	f(`{"terms":{"http.status":[500,503]}}`, "1,4")
	f(`{"ids":{"values":["2","4"]}}`, "2,4")
	// match and match_phrase.
	f(`{"match":{"message":"BOB logged"}}`, "2,3,5")
	f(`{"match":{"message":{"query":"bob logged","operator":"and"}}}`, "2,3")
	f(`{"match":{"message":{"query":"ÜBER","operator":"and"}}}`, "4")
	f(`{"match":{"message":{"query":"...","operator":"and"}}}`, "")
	f(`{"match":{"url.path":"/login"}}`, "2")
	f(`{"match":{"http.status":404}}`, "3")
	f(`{"match_phrase":{"message":{"query":"logged in"}}}`, "2,5")
	f(`{"match_phrase":{"message":"in logged"}}`, "")
	f(`{"match_phrase":{"message":"index.HTML failed"}}`, "1")
	// wildcard and prefix.
	f(`{"wildcard":{"url.path":{"value":"/log*"}}}`, "2")
	f(`{"wildcard":{"url.path":{"value":"/log*","case_insensitive":true}}}`, "2,3")
	f(`{"wildcard":{"url.path":{"value":"/l?gin"}}}`, "2")
	f(`{"wildcard":{"message":{"value":"conn*"}}}`, "1")
	f(`{"wildcard":{"message":{"value":"CONN*"}}}`, "1")
	f(`{"prefix":{"url.path":{"value":"/L"}}}`, "3")
	f(`{"prefix":{"url.path":{"value":"/L","case_insensitive":true}}}`, "2,3")
	f(`{"prefix":{"message":"logg"}}`, "2,3,5")
	// range by type.
	f(`{"range":{"http.status":{"gte":404}}}`, "1,3,4")
	f(`{"range":{"http.status":{"gt":404,"lt":503}}}`, "1")
	f(`{"range":{"took":{"gt":0.5,"lte":2}}}`, "2,3")
	f(`{"range":{"@timestamp":{"gte":"2024-01-01T00:00:30Z","lt":"2024-01-01T00:02:00Z"}}}`, "2,3")
	f(`{"range":{"@timestamp":{"gt":"2024-01-01T00:00:30.500Z"}}}`, "3,4")
	f(`{"range":{"@timestamp":{"gte":1704067260000,"format":"epoch_millis"}}}`, "3,4")
	// Missing time components of an upper bound round up (documented).
	f(`{"range":{"@timestamp":{"lte":"2024-01-01"}}}`, "1,2,3,4,5")
	f(`{"range":{"@timestamp":{"lt":"2024-01-01"}}}`, "")
	f(`{"range":{"@timestamp":{"lte":"2024-01-01T00:00:30"}}}`, "1,2,5")
	f(`{"range":{"@timestamp":{"lte":"2024-01-01T00:00:30.000Z"}}}`, "1,5")
	f(`{"range":{"@timestamp":{"gt":"2024-01-01T00:00:30"}}}`, "3,4")
	f(`{"range":{"@timestamp":{"gte":"2024-01-01T00:00:30"}}}`, "2,3,4")
	f(`{"range":{"@timestamp":{"gte":"now-1d"}}}`, "")
	f(`{"range":{"url.path":{"gte":"/a","lt":"/j"}}}`, "1")
	f(`{"range":{"client.ip":{"gte":"10.0.0.0","lte":"10.255.255.255"}}}`, "1,2")
	// exists on leaves, objects, arrays.
	f(`{"exists":{"field":"tags"}}`, "1,2,4,5")
	f(`{"exists":{"field":"url"}}`, "1,2,3")
	f(`{"exists":{"field":"client.ip"}}`, "1,2,3,4")
	f(`{"exists":{"field":"ok"}}`, "1,2,3")
	// bool.
	f(`{"bool":{"must":[{"match":{"message":"logged"}}],"must_not":[{"term":{"http.status":200}}]}}`, "3")
	f(`{"bool":{"filter":{"term":{"ok":true}},"should":[{"term":{"event.id":"3"}},{"term":{"event.id":"1"}}],"minimum_should_match":1}}`, "3")
	f(`{"bool":{"filter":{"term":{"ok":true}},"should":[{"term":{"event.id":"3"}}]}}`, "2,3")
	f(`{"bool":{"should":[{"term":{"event.id":"3"}},{"term":{"event.id":"1"}}]}}`, "1,3")
	f(`{"bool":{"should":[{"term":{"tags":"a"}},{"term":{"tags":"b"}},{"term":{"ok":true}}],"minimum_should_match":2}}`, "1,2")
	f(`{"bool":{"must_not":{"exists":{"field":"tags"}}}}`, "3")
	f(`{"bool":{}}`, "1,2,3,4,5")
	f(`{"constant_score":{"filter":{"term":{"event.id":"5"}}}}`, "5")
}

func TestQueryErrors(t *testing.T) {
	s := fixture(t)
	for _, tc := range []struct {
		body, wantType, wantRoot string
	}{
		{`{"query":{"fuzzy":{"message":"x"}}}`, "parsing_exception", "parsing_exception"},
		{`{"query":{"term":{"a":"x","b":"y"}}}`, "parsing_exception", "parsing_exception"},
		{`{"query":{"bool":{"must":[{"match_all":{}}],"oops":1}}}`, "parsing_exception", "parsing_exception"},
		{`{"querry":{}}`, "parsing_exception", "parsing_exception"},
		{`{"query":{"term":{"http.status":"abc"}}}`, "search_phase_execution_exception", "query_shard_exception"},
		{`{"query":{"wildcard":{"http.status":{"value":"5*"}}}}`, "search_phase_execution_exception", "query_shard_exception"},
		{`{"query":{"range":{"@timestamp":{"gte":"yesterday"}}}}`, "search_phase_execution_exception", "query_shard_exception"},
		{`{"sort":[{"message":"asc"}]}`, "search_phase_execution_exception", "illegal_argument_exception"},
		{`{"sort":[{"missing_field":"asc"}]}`, "search_phase_execution_exception", "query_shard_exception"},
		{`{"from":9995,"size":10}`, "search_phase_execution_exception", "illegal_argument_exception"},
		{`{"aggs":{"m":{"terms":{"field":"message"}}}}`, "search_phase_execution_exception", "illegal_argument_exception"},
		{`{"size":-1}`, "illegal_argument_exception", "illegal_argument_exception"},
		{`{`, "x_content_parse_exception", "x_content_parse_exception"},
	} {
		status, out := call(t, s, "POST", "/logs-*/_search", tc.body)
		if status != 400 || str(dig(out, "error", "type")) != tc.wantType || str(dig(out, "error", "root_cause", "0", "type")) != tc.wantRoot {
			t.Errorf("%s: %d %v, want 400 %s/%s", tc.body, status, out, tc.wantType, tc.wantRoot)
		}
	}
}

func TestSortPagingTotals(t *testing.T) {
	s := fixture(t)
	f := func(body, want string) {
		t.Helper()
		resp := mustCall(t, s, 200, "POST", "/logs-*/_search", body)
		if got := strings.Join(hitIDs(resp), ","); got != want {
			t.Errorf("%s: got [%s], want [%s]", body, got, want)
		}
	}
	f(`{"sort":[{"@timestamp":{"order":"desc"}},{"event.id":{"order":"desc"}}]}`, "4,3,2,5,1")
	f(`{"sort":[{"@timestamp":{"order":"asc"}},{"event.id":{"order":"asc"}}]}`, "1,5,2,3,4")
	f(`{"sort":[{"@timestamp":{"order":"asc"}},{"event.id":{"order":"desc"}}]}`, "5,1,2,3,4")
	f(`{"sort":[{"@timestamp":"desc"},{"event.id":"desc"}],"size":2,"from":1}`, "3,2")
	f(`{"sort":[{"@timestamp":"desc"},{"event.id":"desc"}],"size":0}`, "")
	f(`{"sort":[{"took":"desc"},{"event.id":"asc"}]}`, "3,2,1,4,5")
	f(`{"sort":[{"took":{"order":"desc","missing":"_first"}},{"event.id":"asc"}]}`, "4,5,3,2,1")
	f(`{"sort":[{"tags":"asc"},{"event.id":"asc"}]}`, "1,5,2,4,3")
	f(`{"sort":[{"tags":"desc"},{"event.id":"asc"}]}`, "4,1,2,5,3")
	f(`{"sort":["event.id"]}`, "1,2,3,4,5")
	f(`{"sort":[{"nope":{"order":"asc","unmapped_type":"keyword"}},{"event.id":"desc"}]}`, "5,4,3,2,1")
	f(`{"sort":[{"@timestamp":"desc"},{"event.id":"desc"}],"search_after":[1704067260000,"3"]}`, "2,5,1")
	f(`{"sort":[{"@timestamp":"desc"},{"event.id":"desc"}],"search_after":["2024-01-01T00:00:00Z","5"]}`, "1")

	resp := mustCall(t, s, 200, "POST", "/logs-*/_search", `{"sort":[{"@timestamp":"desc"},{"event.id":"desc"}],"size":1}`)
	if got := str(dig(resp, "hits", "hits", "0", "sort")); got != `[1704067320000,"4"]` {
		t.Errorf("sort values %s", got)
	}
	if dig(resp, "hits", "hits", "0", "_score") != nil || dig(resp, "hits", "max_score") != nil {
		t.Errorf("sorted hits carry no score: %v", resp)
	}
	if got := str(dig(resp, "hits", "total")); got != `{"relation":"eq","value":5}` {
		t.Errorf("default total %s", got)
	}
	if got := str(dig(resp, "hits", "hits", "0", "_source", "message")); got != "Über straße café" {
		t.Errorf("_source %s", got)
	}
	if got := str(dig(resp, "_shards", "total")); got != "2" {
		t.Errorf("_shards.total %s", got)
	}
	resp = mustCall(t, s, 200, "POST", "/logs-*/_search", `{"track_total_hits":2}`)
	if got := str(dig(resp, "hits", "total")); got != `{"relation":"gte","value":2}` {
		t.Errorf("track_total_hits 2: %s", got)
	}
	resp = mustCall(t, s, 200, "POST", "/logs-*/_search", `{"track_total_hits":false}`)
	if dig(resp, "hits", "total") != nil {
		t.Errorf("track_total_hits false still has total")
	}
	resp = mustCall(t, s, 200, "GET", "/logs-*/_search?rest_total_hits_as_int=true", "")
	if got := str(dig(resp, "hits", "total")); got != "5" {
		t.Errorf("rest_total_hits_as_int: %s", got)
	}
	resp = mustCall(t, s, 200, "POST", "/logs-a/_search", `{"_source":["event.id","url"],"query":{"ids":{"values":["2"]}}}`)
	if got := str(dig(resp, "hits", "hits", "0", "_source")); got != `{"event.id":"2","url":{"path":"/login"}}` {
		t.Errorf("_source includes: %s", got)
	}
	resp = mustCall(t, s, 200, "POST", "/logs-a/_search", `{"_source":false}`)
	if dig(resp, "hits", "hits", "0", "_source") != nil {
		t.Errorf("_source false")
	}
}

func TestIndexResolution(t *testing.T) {
	s := fixture(t)
	f := func(path string, wantStatus int, wantTotal string) {
		t.Helper()
		status, out := call(t, s, "GET", path, "")
		if status != wantStatus {
			t.Errorf("%s: status %d, want %d: %v", path, status, wantStatus, out)
			return
		}
		if wantStatus == 200 {
			if got := str(dig(out, "hits", "total", "value")); got != wantTotal {
				t.Errorf("%s: total %s, want %s", path, got, wantTotal)
			}
		} else if got := str(dig(out, "error", "type")); got != "index_not_found_exception" {
			t.Errorf("%s: error %s", path, got)
		}
	}
	f("/logs-a/_search", 200, "2")
	f("/logs-a,logs-b/_search", 200, "5")
	f("/logs-*/_search", 200, "5")
	f("/logs-*,-logs-b/_search", 200, "2")
	f("/_search", 200, "5")
	f("/_all/_search", 200, "5")
	f("/missing/_search", 404, "")
	f("/logs-a,missing/_search", 404, "")
	f("/logs-a,missing/_search?ignore_unavailable=true", 200, "2")
	f("/nomatch-*/_search", 200, "0")
	f("/nomatch-*/_search?allow_no_indices=false", 404, "")
	f("/missing/_search?ignore_unavailable=true&allow_no_indices=true", 200, "0")
	f("/missing/_search?ignore_unavailable=true&allow_no_indices=false", 404, "")
}

func TestCount(t *testing.T) {
	s := fixture(t)
	out := mustCall(t, s, 200, "POST", "/logs-*/_count", `{"query":{"term":{"tags":"a"}}}`)
	if got := str(out["count"]); got != "2" {
		t.Fatalf("count %s: %v", got, out)
	}
	if got := str(dig(out, "_shards", "successful")); got != "2" {
		t.Fatalf("_shards %v", out)
	}
	out = mustCall(t, s, 200, "GET", "/_count", "")
	if got := str(out["count"]); got != "5" {
		t.Fatalf("count all %s", got)
	}
	status, _ := call(t, s, "POST", "/logs-*/_count", `{"size":1}`)
	if status != 400 {
		t.Fatalf("count with size: %d", status)
	}
}

func TestOpenSearch1TypesInHits(t *testing.T) {
	s := fixture(t, WithVersion("opensearch", "1.3.0"))
	resp := mustCall(t, s, 200, "POST", "/logs-a/_search", `{"size":1}`)
	if got := str(dig(resp, "hits", "hits", "0", "_type")); got != "_doc" {
		t.Fatalf("OpenSearch 1 hits carry _type: %v", resp)
	}
	s = fixture(t, WithVersion("opensearch", "2.11.0"))
	resp = mustCall(t, s, 200, "POST", "/logs-a/_search", `{"size":1}`)
	if dig(resp, "hits", "hits", "0", "_type") != nil || str(dig(resp, "hits", "hits", "0", "_score")) != "1" {
		t.Fatalf("OpenSearch 2 hit: %v", resp)
	}
}

func TestMetadataFields(t *testing.T) {
	s := fixture(t)
	f := func(query, want string) {
		t.Helper()
		resp := mustCall(t, s, 200, "POST", "/logs-*/_search", `{"sort":["event.id"],"query":`+query+`}`)
		if got := strings.Join(hitIDs(resp), ","); got != want {
			t.Errorf("%s: got [%s], want [%s]", query, got, want)
		}
	}
	f(`{"term":{"_id":"3"}}`, "3")
	f(`{"terms":{"_index":["logs-a"]}}`, "1,2")
	f(`{"prefix":{"_index":"logs-b"}}`, "3,4,5")
	out := aggs(t, s, `{"size":0,"aggs":{"i":{"terms":{"field":"_index"}}}}`)
	if got := str(dig(out, "i", "buckets")); got != `[{"doc_count":3,"key":"logs-b"},{"doc_count":2,"key":"logs-a"}]` {
		t.Errorf("terms on _index: %s", got)
	}
	res := bulk(t, s, `{"create":{"_index":"logs-a","_id":"9"}}`, `{"_id":"9"}`)
	if got := str(dig(res, "items", "0", "create", "status")); got != "400" {
		t.Errorf("metadata field in the source: %v", res)
	}
	status, _ := call(t, s, "POST", "/logs-*/_search", `{"from":1,"sort":["event.id"],"search_after":["1"]}`)
	if status != 400 {
		t.Errorf("search_after with from: %d", status)
	}
	status, _ = call(t, s, "POST", "/logs-*/_search", `{"sort":["_id"]}`)
	if status != 400 {
		t.Errorf("sort on _id on 8.x: %d", status)
	}
	s7 := fixture(t, WithVersion("elasticsearch", "7.10.2"))
	resp := mustCall(t, s7, 200, "POST", "/logs-*/_search", `{"sort":[{"_id":"desc"}],"size":2}`)
	if got := strings.Join(hitIDs(resp), ","); got != "5,4" {
		t.Errorf("sort on _id on 7.x: %s", got)
	}
}

func TestPutMapping(t *testing.T) {
	s := fixture(t)
	mustCall(t, s, 200, "PUT", "/logs-*/_mapping", `{"properties":{"extra":{"type":"long"}}}`)
	res := bulk(t, s, `{"create":{"_index":"logs-b","_id":"9"}}`, `{"extra":"x"}`)
	if got := str(dig(res, "items", "0", "create", "status")); got != "400" {
		t.Errorf("added mapping not enforced: %v", res)
	}
	status, out := call(t, s, "PUT", "/logs-a/_mapping", `{"properties":{"message":{"type":"keyword"}}}`)
	if status != 400 || str(dig(out, "error", "type")) != "illegal_argument_exception" {
		t.Errorf("type change: %d %v", status, out)
	}
}

func TestQueryStringParameters(t *testing.T) {
	s := fixture(t)
	resp := mustCall(t, s, 200, "GET", "/logs-*/_search?sort=took:desc,event.id&size=2&from=1", "")
	if got := strings.Join(hitIDs(resp), ","); got != "2,1" {
		t.Errorf("sort/size/from parameters: %s", got)
	}
	resp = mustCall(t, s, 200, "GET", "/logs-a/_search?_source=false", "")
	if dig(resp, "hits", "hits", "0", "_source") != nil {
		t.Errorf("_source=false parameter")
	}
	resp = mustCall(t, s, 200, "POST", "/logs-a/_search", `{"_source":{"excludes":["message","client.*"]},"query":{"ids":{"values":["1"]}}}`)
	src := str(dig(resp, "hits", "hits", "0", "_source"))
	if strings.Contains(src, "message") || strings.Contains(src, "10.0.0.1") || !strings.Contains(src, "tags") {
		t.Errorf("_source excludes: %s", src)
	}
	mustCall(t, s, 400, "GET", "/logs-*/_search?q=message:bob", "")
}

func TestCalendarHistogramFill(t *testing.T) {
	s := Start(t)
	bulk(t, s, `{"create":{"_index":"m","_id":"1"}}`, `{"@timestamp":"2024-01-15T00:00:00Z"}`,
		`{"create":{"_index":"m","_id":"2"}}`, `{"@timestamp":"2024-04-02T00:00:00Z"}`)
	resp := mustCall(t, s, 200, "POST", "/m/_search", `{"size":0,"aggs":{"h":{"date_histogram":{"field":"@timestamp","calendar_interval":"1M"}}}}`)
	var got []string
	for _, b := range dig(resp, "aggregations", "h", "buckets").([]any) {
		got = append(got, str(dig(b, "key_as_string"))[:7]+"="+str(dig(b, "doc_count")))
	}
	if strings.Join(got, ",") != "2024-01=1,2024-02=0,2024-03=0,2024-04=1" {
		t.Errorf("monthly buckets %v", got)
	}
}
