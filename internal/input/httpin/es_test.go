package httpin

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/auth"
)

func TestVersionDocument(t *testing.T) {
	s := newServer(t, Config{Version: "1.2.3"}, &fakePub{})
	w := s.do(req{"GET", "/", nil, map[string]string{"Accept": "application/vnd.elasticsearch+json;compatible-with=8"}})
	if w.Code != 200 || w.Header().Get("X-Elastic-Product") != "Elasticsearch" || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("%d %v", w.Code, w.Header())
	}
	doc := decodeBody(t, w)
	v, _ := doc["version"].(map[string]any)
	ls, _ := doc["logstack"].(map[string]any)
	for k, want := range map[string]any{
		"name": "logstack", "cluster_name": "logstack", "tagline": "You Know, for Search",
		"number": "8.11.0", "build_flavor": "default", "lucene_version": "9.8.0",
		"minimum_wire_compatibility_version": "7.17.0", "minimum_index_compatibility_version": "7.0.0",
		"logstack.version": "1.2.3",
	} {
		got := doc[k]
		if k == "logstack.version" {
			got = ls["version"]
		} else if got == nil {
			got = v[k]
		}
		if got != want {
			t.Fatalf("%s = %v, want %v", k, got, want)
		}
	}
	if doc["cluster_uuid"] == "" {
		t.Fatal("no cluster_uuid")
	}
	head := s.do(req{"HEAD", "/", nil, nil})
	if head.Code != 200 || head.Header().Get("X-Elastic-Product") != "Elasticsearch" {
		t.Fatalf("HEAD /: %d %v", head.Code, head.Header())
	}
}

func TestHandshakeEndpoints(t *testing.T) {
	s := newServer(t, Config{}, &fakePub{})
	f := func(method, path, wantInBody string) {
		t.Helper()
		w := s.do(req{method, path, []byte(`{"index_patterns":["x-*"]}`), nil})
		if w.Code != 200 || !strings.Contains(w.Body.String(), wantInBody) {
			t.Fatalf("%s %s: %d %s, want 200 containing %s", method, path, w.Code, w.Body, wantInBody)
		}
		if w.Header().Get("X-Elastic-Product") != "Elasticsearch" {
			t.Fatalf("%s %s: no X-Elastic-Product", method, path)
		}
	}
	f("GET", "/_license", `"status":"active"`)
	f("GET", "/_xpack", `"ilm":{"available":true,"enabled":true}`)
	f("GET", "/_cluster/health", `"status":"green"`)
	f("GET", "/_cluster/state/version", `"version":8`)
	for _, kind := range []string{"_index_template", "_component_template", "_template", "_data_stream"} {
		f("GET", "/"+kind+"/filebeat-8.11.0", "filebeat-8.11.0")
		f("HEAD", "/"+kind+"/filebeat-8.11.0", "")
		f("PUT", "/"+kind+"/filebeat-8.11.0", `{"acknowledged":true}`)
	}
	f("GET", "/_cat/templates/logstash", "logstash")
	f("GET", "/_ilm/policy/filebeat", `"filebeat":{`)
	f("PUT", "/_ilm/policy/filebeat", `{"acknowledged":true}`)
	f("GET", "/_ingest/pipeline/filebeat-nginx", `"filebeat-nginx":{`)
	f("PUT", "/_ingest/pipeline/filebeat-nginx", `{"acknowledged":true}`)

	w := s.do(req{"PUT", "/some-index/_doc", nil, nil})
	if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), `"status":404`) {
		t.Fatalf("PUT /some-index/_doc: %d %s", w.Code, w.Body)
	}
}

func TestHandshakeAuth(t *testing.T) {
	s := newServer(t, Config{BulkAuth: auth.New([]string{"k"})}, &fakePub{})
	for _, path := range []string{"/", "/_license", "/_index_template/x"} {
		w := s.do(req{"GET", path, nil, nil})
		if w.Code != 401 || w.Header().Get("WWW-Authenticate") != "ApiKey" || !strings.Contains(w.Body.String(), "security_exception") {
			t.Fatalf("GET %s without key: %d %v %s", path, w.Code, w.Header(), w.Body)
		}
		if w := s.do(req{"GET", path, nil, map[string]string{"X-API-Key": "k"}}); w.Code != 200 {
			t.Fatalf("GET %s with key: %d", path, w.Code)
		}
	}
	w := s.do(req{"PUT", "/_template/x", nil, nil})
	if w.Code != 401 {
		t.Fatalf("PUT /_template/x without key: %d", w.Code)
	}
}

// TestRegisterBesideAppRoutes mounts the input next to the routes the app
// serves on the same mux; ServeMux panics on conflicting patterns.
func TestRegisterBesideAppRoutes(t *testing.T) {
	mux := http.NewServeMux()
	New(Config{IngestEnabled: true, BulkEnabled: true}, &fakePub{}, slog.New(slog.DiscardHandler), nil).Register(mux)
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(299) })
	for _, p := range []string{"GET /healthz", "GET /readyz", "GET /metrics", "GET /api/v1/search", "GET /api/v1/aggregate"} {
		mux.Handle(p, ok)
	}
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != 299 {
		t.Fatalf("GET /metrics reached %d", w.Code)
	}
}

func TestApplyFilterPath(t *testing.T) {
	doc := map[string]any{
		"took": 3, "errors": false,
		"items": []any{
			map[string]any{"index": map[string]any{"_id": "a", "status": 201}},
			map[string]any{"create": map[string]any{"_id": "b", "status": 400, "error": map[string]any{"type": "t"}}},
		},
	}
	f := func(spec, want string) {
		t.Helper()
		got := mustJSON(t, applyFilterPath(doc, spec))
		if got != want {
			t.Fatalf("filter_path=%s: %s, want %s", spec, got, want)
		}
	}
	f("errors,items.*.error,items.*.status", `{"errors":false,"items":[{"index":{"status":201}},{"create":{"error":{"type":"t"},"status":400}}]}`)
	f("took", `{"took":3}`)
	f("items.index._id", `{"items":[{"index":{"_id":"a"}}]}`)
	f("items.*._i*", `{"items":[{"index":{"_id":"a"}},{"create":{"_id":"b"}}]}`)
	f("nothing", `{}`)
	f("-took", `{}`)
	f(" took , errors ", `{"errors":false,"took":3}`)
}

func TestGlobMatch(t *testing.T) {
	f := func(pattern, s string, want bool) {
		t.Helper()
		if got := globMatch(pattern, s); got != want {
			t.Fatalf("globMatch(%q, %q) = %v", pattern, s, got)
		}
	}
	f("*", "", true)
	f("*", "abc", true)
	f("a*", "abc", true)
	f("*c", "abc", true)
	f("a*c", "abc", true)
	f("a*b*c", "aXbYc", true)
	f("a*d", "abc", false)
	f("abc", "abc", true)
	f("abc", "abcd", false)
	f("", "", true)
	f(strings.Repeat("*a", 40)+"b", strings.Repeat("a", 40), false) // linear, not exponential
}
