package esfake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serve runs one request through the handler in process.
func serve(s *Server, method, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// checkAnswer fails unless the answer is one the real server could give:
// 200, 400 or 404 with a JSON body.
func checkAnswer(t *testing.T, rec *httptest.ResponseRecorder, input string) {
	t.Helper()
	switch rec.Code {
	case http.StatusOK, http.StatusBadRequest, http.StatusNotFound:
	default:
		t.Fatalf("status %d for %q: %s", rec.Code, input, rec.Body)
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("invalid JSON answer for %q: %s", input, rec.Body)
	}
}

// FuzzBulk feeds arbitrary NDJSON to _bulk: the parser and the mapper must
// never panic, and every answer must be a well-formed response.
func FuzzBulk(f *testing.F) {
	f.Add("{\"create\":{\"_index\":\"a\",\"_id\":\"1\"}}\n{\"n\":1,\"s\":\"x\",\"o\":{\"p\":[1,2]}}\n")
	f.Add("{\"index\":{\"_index\":\"a\"}}\n{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"a.b\":true}\n")
	f.Add("{\"delete\":{\"_index\":\"a\",\"_id\":\"1\"}}\n")
	f.Add("{\"create\":{}}\n{}\n")
	f.Add("garbage\n")
	f.Fuzz(func(t *testing.T, body string) {
		s := New()
		serve(s, "PUT", "/_index_template/t", `{"index_patterns":["a*"],"template":{"mappings":{"properties":{"n":{"type":"long"},"ip":{"type":"ip"},"@timestamp":{"type":"date"}}}}}`)
		rec := serve(s, "POST", "/_bulk", body)
		checkAnswer(t, rec, body)
		if rec.Code == http.StatusOK {
			var out struct {
				Items []map[string]map[string]any `json:"items"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("bulk answer: %v", err)
			}
			for _, it := range out.Items {
				if len(it) != 1 {
					t.Fatalf("item with %d actions: %v", len(it), it)
				}
			}
		}
		checkAnswer(t, serve(s, "POST", "/_search", `{"aggs":{"t":{"terms":{"field":"n"}}},"sort":[{"n":{"order":"desc","unmapped_type":"long"}}]}`), body)
	})
}

// FuzzSearch feeds arbitrary search bodies to _search over a small mixed
// corpus: the query DSL evaluator, sorting and aggregations must never
// panic and must answer 200 or a documented error.
func FuzzSearch(f *testing.F) {
	for _, seed := range []string{
		`{"query":{"match_all":{}}}`,
		`{"query":{"bool":{"must":[{"match":{"message":{"query":"bob logged","operator":"and"}}}],"filter":[{"range":{"@timestamp":{"gte":"2024-01-01T00:00:00Z","lt":"now"}}}],"should":[{"term":{"tags":"a"}}],"minimum_should_match":1,"must_not":[{"exists":{"field":"x"}}]}}}`,
		`{"query":{"wildcard":{"url.path":{"value":"/l*","case_insensitive":true}}},"sort":[{"@timestamp":{"order":"desc"}},{"event.id":{"order":"desc"}}],"size":2,"search_after":[1704067260000,"3"]}`,
		`{"size":0,"aggs":{"h":{"date_histogram":{"field":"@timestamp","fixed_interval":"60s","min_doc_count":1},"aggs":{"t":{"terms":{"field":"tags","size":2,"order":[{"_count":"desc"},{"_key":"asc"}]}}}}}}`,
		`{"query":{"terms":{"client.ip":["10.0.0.0/8","::1"]}},"track_total_hits":true,"_source":["message"]}`,
		`{"query":{"match_phrase":{"message":{"query":"logged in"}}},"from":1}`,
		`{"query":{"prefix":{"message":"lo"}},"sort":["_doc"]}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		s := New()
		serve(s, "PUT", "/logs-a", fixtureMapping)
		serve(s, "PUT", "/logs-b", `{"mappings":{"properties":{"tags":{"type":"long"},"@timestamp":{"type":"date_nanos"}}}}`)
		serve(s, "POST", "/_bulk", strings.Join([]string{
			`{"create":{"_index":"logs-a","_id":"1"}}`,
			`{"@timestamp":"2024-01-01T00:00:00Z","event":{"id":"1"},"message":"bob logged in","http":{"status":500},"client":{"ip":"10.0.0.1"},"url.path":"/login","tags":["a","b"],"took":0.5,"ok":false}`,
			`{"create":{"_index":"logs-a","_id":"2"}}`,
			`{"@timestamp":1704067260000,"event.id":"2","message":"Über","client.ip":"::1"}`,
			`{"create":{"_index":"logs-b","_id":"3"}}`,
			`{"@timestamp":"2024-01-01T00:01:00.123456789Z","tags":[1,2],"message":"x"}`,
		}, "\n")+"\n")
		checkAnswer(t, serve(s, "POST", "/logs-*/_search", body), body)
		checkAnswer(t, serve(s, "POST", "/logs-*/_count", body), body)
	})
}
