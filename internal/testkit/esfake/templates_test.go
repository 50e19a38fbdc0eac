package esfake

import (
	"strings"
	"testing"
)

const logsTemplate = `{"index_patterns":["logs-*"],"priority":10,"version":3,
 "template":{"settings":{"number_of_shards":1,"number_of_replicas":0},
  "mappings":{"dynamic_templates":[{"strings_as_keyword":{"match_mapping_type":"string","mapping":{"type":"keyword","ignore_above":1024}}}],
   "properties":{"@timestamp":{"type":"date"},"message":{"type":"text"},"status":{"type":"long"},"client":{"properties":{"ip":{"type":"ip"}}}}}}}`

func TestComposableTemplateLifecycle(t *testing.T) {
	s := Start(t)
	if out := mustCall(t, s, 200, "PUT", "/_index_template/logs", logsTemplate); str(out["acknowledged"]) != "true" {
		t.Fatalf("put: %v", out)
	}
	out := mustCall(t, s, 200, "GET", "/_index_template/logs", "")
	if got := str(dig(out, "index_templates", "0", "index_template", "version")); got != "3" {
		t.Fatalf("version %s in %v", got, out)
	}
	if got := str(dig(out, "index_templates", "0", "name")); got != "logs" {
		t.Fatalf("name %s", got)
	}
	if got := str(dig(out, "index_templates", "0", "index_template", "template", "mappings", "properties", "status", "type")); got != "long" {
		t.Fatalf("mapping echoed: %v", out)
	}
	status, out := call(t, s, "GET", "/_index_template/nope", "")
	if status != 404 || str(dig(out, "error", "type")) != "resource_not_found_exception" || str(dig(out, "error", "root_cause", "0", "type")) != "resource_not_found_exception" {
		t.Fatalf("missing: %d %v", status, out)
	}
	if st, _, _ := callRaw(t, s, "HEAD", "/_index_template/logs", ""); st != 200 {
		t.Fatalf("HEAD existing: %d", st)
	}
	if st, _, _ := callRaw(t, s, "HEAD", "/_index_template/nope", ""); st != 404 {
		t.Fatalf("HEAD missing: %d", st)
	}
	mustCall(t, s, 200, "DELETE", "/_index_template/logs", "")
	mustCall(t, s, 404, "DELETE", "/_index_template/logs", "")
}

func TestComposableTemplateAppliesMappings(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/_index_template/logs", logsTemplate)
	out := bulk(t, s,
		`{"create":{"_index":"logs-1","_id":"1"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","message":"x","status":200,"client":{"ip":"10.0.0.1"},"user":"Bob"}`,
		`{"create":{"_index":"logs-1","_id":"2"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","status":"abc"}`,
		`{"create":{"_index":"logs-1","_id":"3"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","client.ip":"not-an-ip"}`,
		`{"create":{"_index":"other","_id":"4"}}`, `{"status":"abc"}`,
	)
	wantStatus := []string{"201", "400", "400", "201"}
	for i, w := range wantStatus {
		if got := str(dig(out, "items", itoa(i), "create", "status")); got != w {
			t.Errorf("item %d status %s, want %s: %v", i, got, w, dig(out, "items", itoa(i)))
		}
	}
	if got := str(dig(out, "items", "1", "create", "error", "type")); got != docErr {
		t.Errorf("item 1 error %s", got)
	}
	m := mustCall(t, s, 200, "GET", "/logs-1/_mapping", "")
	if got := str(dig(m, "logs-1", "mappings", "properties", "user", "type")); got != "keyword" {
		t.Errorf("dynamic template not applied: user is %s", got)
	}
	m = mustCall(t, s, 200, "GET", "/other/_mapping", "")
	if got := str(dig(m, "other", "mappings", "properties", "status", "type")); got != "text" {
		t.Errorf("untemplated index: status is %s (want dynamic text)", got)
	}
	idx := mustCall(t, s, 200, "GET", "/logs-1", "")
	if got := str(dig(idx, "logs-1", "settings", "index", "number_of_replicas")); got != "0" {
		t.Errorf("settings not applied: %v", idx)
	}
}

func TestComposablePriorityWins(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/_index_template/low", `{"index_patterns":["logs-*"],"priority":1,"template":{"mappings":{"properties":{"f":{"type":"keyword"}}}}}`)
	mustCall(t, s, 200, "PUT", "/_index_template/high", `{"index_patterns":["logs-a*"],"priority":5,"template":{"mappings":{"properties":{"f":{"type":"long"}}}}}`)
	mustCall(t, s, 200, "PUT", "/logs-a1", "")
	mustCall(t, s, 200, "PUT", "/logs-b1", "")
	m := mustCall(t, s, 200, "GET", "/logs-*/_mapping", "")
	if a, b := str(dig(m, "logs-a1", "mappings", "properties", "f", "type")), str(dig(m, "logs-b1", "mappings", "properties", "f", "type")); a != "long" || b != "keyword" {
		t.Fatalf("logs-a1 f=%s (want long), logs-b1 f=%s (want keyword)", a, b)
	}
}

func TestComposableTemplateValidation(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/_index_template/a", `{"index_patterns":["logs-*"]}`)
	for _, tc := range []struct{ name, body, wantType string }{
		{"b", `{"index_patterns":["logs-x*"]}`, "illegal_argument_exception"},
		{"c", `{"template":{}}`, "action_request_validation_exception"},
		{"d", `{"index_patterns":["z*"],"composed_of":["missing"]}`, "illegal_argument_exception"},
		{"e", `{"index_patterns":["y*"],"template":{"mappings":{"properties":{"f":{"type":"string"}}}}}`, "mapper_parsing_exception"},
		{"f", `{"index_patterns":["w*"],"template":{"mappings":{"dynamic_templates":[{"x":{"match_mapping_type":"text","mapping":{"type":"keyword"}}}]}}}`, "mapper_parsing_exception"},
		{"g", `not json`, "x_content_parse_exception"},
	} {
		status, out := call(t, s, "PUT", "/_index_template/"+tc.name, tc.body)
		if status != 400 || str(dig(out, "error", "type")) != tc.wantType {
			t.Errorf("%s: %d %v, want 400 %s", tc.name, status, out, tc.wantType)
		}
	}
	mustCall(t, s, 200, "PUT", "/_index_template/b", `{"index_patterns":["logs-x*"],"priority":2}`)
	status, _ := call(t, s, "PUT", "/_index_template/b?create=true", `{"index_patterns":["logs-x*"],"priority":2}`)
	if status != 400 {
		t.Errorf("create=true on existing: %d", status)
	}
}

func TestIndexTemplateBefore78(t *testing.T) {
	s := Start(t, WithVersion("elasticsearch", "7.5.0"))
	for _, method := range []string{"PUT", "GET", "HEAD", "DELETE"} {
		status, raw, _ := callRaw(t, s, method, "/_index_template/logs", map[string]string{"PUT": logsTemplate}[method])
		if status != 405 {
			t.Errorf("%s _index_template on 7.5: %d %s, want 405", method, status, raw)
		}
		if method == "PUT" && !strings.Contains(string(raw), "Incorrect HTTP method for uri [/_index_template/logs] and method [PUT], allowed: [POST]") {
			t.Errorf("405 body %s", raw)
		}
	}
	status, out := call(t, s, "POST", "/_index_template/logs", logsTemplate)
	if status != 400 || str(dig(out, "error", "type")) != "invalid_index_name_exception" {
		t.Errorf("POST _index_template on 7.5: %d %v", status, out)
	}
	status, _ = call(t, s, "PUT", "/_data_stream/logs", "")
	if status != 405 {
		t.Errorf("data stream on 7.5: %d", status)
	}
	mustCall(t, s, 200, "PUT", "/_template/logs", `{"index_patterns":["logs-*"],"order":1,"mappings":{"properties":{"status":{"type":"long"}}}}`)
	out = bulk(t, s, `{"index":{"_index":"logs-1","_id":"1"}}`, `{"status":"abc"}`)
	if got := str(dig(out, "items", "0", "index", "status")); got != "400" {
		t.Errorf("legacy template not applied on 7.5: %v", out)
	}
	if got := str(dig(out, "items", "0", "index", "_type")); got != "_doc" {
		t.Errorf("7.x items carry _type _doc, got %s", got)
	}
}

func TestComposableOnLaterVersions(t *testing.T) {
	for _, v := range [][2]string{{"elasticsearch", "7.10.2"}, {"opensearch", "1.3.0"}, {"opensearch", "2.11.0"}} {
		s := Start(t, WithVersion(v[0], v[1]))
		mustCall(t, s, 200, "PUT", "/_index_template/logs", logsTemplate)
	}
}

func TestLegacyTemplates(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/_template/base", `{"index_patterns":["logs-*"],"order":0,"version":7,"settings":{"index":{"number_of_replicas":2}},"mappings":{"properties":{"a":{"type":"keyword"},"b":{"type":"keyword"}}}}`)
	mustCall(t, s, 200, "PUT", "/_template/over", `{"index_patterns":["logs-*"],"order":1,"mappings":{"properties":{"b":{"type":"long"}}}}`)
	out := mustCall(t, s, 200, "GET", "/_template/base", "")
	if got := str(dig(out, "base", "version")); got != "7" {
		t.Fatalf("GET _template: %v", out)
	}
	if got := str(dig(out, "base", "settings", "index", "number_of_replicas")); got != "2" {
		t.Fatalf("settings rendered as strings under index: %v", out)
	}
	status, out := call(t, s, "GET", "/_template/missing", "")
	if status != 404 || len(out) != 0 {
		t.Fatalf("missing legacy template: %d %v (want 404 {})", status, out)
	}
	mustCall(t, s, 200, "PUT", "/logs-1", "")
	m := mustCall(t, s, 200, "GET", "/logs-1/_mapping", "")
	if a, b := str(dig(m, "logs-1", "mappings", "properties", "a", "type")), str(dig(m, "logs-1", "mappings", "properties", "b", "type")); a != "keyword" || b != "long" {
		t.Fatalf("order merge: a=%s b=%s", a, b)
	}
	// A composable template that matches takes precedence over legacy ones.
	mustCall(t, s, 200, "PUT", "/_index_template/c", `{"index_patterns":["logs-*"],"template":{"mappings":{"properties":{"a":{"type":"long"}}}}}`)
	mustCall(t, s, 200, "PUT", "/logs-2", "")
	m = mustCall(t, s, 200, "GET", "/logs-2/_mapping", "")
	if a, b := str(dig(m, "logs-2", "mappings", "properties", "a", "type")), dig(m, "logs-2", "mappings", "properties", "b"); a != "long" || b != nil {
		t.Fatalf("composable over legacy: a=%s b=%v", a, b)
	}
	status, _ = call(t, s, "PUT", "/_template/bad", `{"mappings":{}}`)
	if status != 400 {
		t.Fatalf("legacy template without patterns: %d", status)
	}
}
