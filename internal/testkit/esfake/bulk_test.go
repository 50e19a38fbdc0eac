package esfake

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"testing"
)

// docErr is the type of a document that does not fit its mapping on the
// default version (Elasticsearch 8.8 and later).
const docErr = "document_parsing_exception"

func TestDocumentErrorTypeByVersion(t *testing.T) {
	for _, tc := range []struct{ dist, number, want string }{
		{"elasticsearch", "8.15.0", "document_parsing_exception"},
		{"elasticsearch", "8.7.1", "mapper_parsing_exception"},
		{"elasticsearch", "7.10.2", "mapper_parsing_exception"},
		{"opensearch", "2.11.0", "mapper_parsing_exception"},
	} {
		s := Start(t, WithVersion(tc.dist, tc.number))
		mustCall(t, s, 200, "PUT", "/i", `{"mappings":{"properties":{"ip":{"type":"ip"}}}}`)
		out := bulk(t, s, `{"create":{"_index":"i","_id":"1"}}`, `{"ip":"not-an-ip"}`)
		item := dig(out, "items", "0", "create")
		if str(dig(item, "status")) != "400" || str(dig(item, "error", "type")) != tc.want ||
			str(dig(item, "error", "caused_by", "type")) != "illegal_argument_exception" {
			t.Errorf("%s %s: %v, want 400 %s", tc.dist, tc.number, item, tc.want)
		}
	}
}

func TestBulkItems(t *testing.T) {
	f := func(name string, mapping string, doc string, wantStatus string, wantType string) {
		t.Helper()
		s := Start(t)
		if mapping != "" {
			mustCall(t, s, 200, "PUT", "/idx", `{"mappings":{"properties":`+mapping+`}}`)
		}
		out := bulk(t, s, `{"create":{"_index":"idx","_id":"1"}}`, doc)
		item := dig(out, "items", "0", "create")
		if got := str(dig(item, "status")); got != wantStatus {
			t.Errorf("%s: status %s, want %s: %v", name, got, wantStatus, item)
		}
		if got := str(dig(item, "error", "type")); wantType != "" && got != wantType {
			t.Errorf("%s: error type %s, want %s", name, got, wantType)
		}
		if wantType != "" && (str(out["errors"]) != "true" || dig(item, "error", "reason") == nil) {
			t.Errorf("%s: errors flag or reason missing: %v", name, out)
		}
		if wantType == "" && str(out["errors"]) != "false" {
			t.Errorf("%s: errors flag set: %v", name, out)
		}
	}
	f("long ok", `{"n":{"type":"long"}}`, `{"n":12}`, "201", "")
	f("long numeric string", `{"n":{"type":"long"}}`, `{"n":"12"}`, "201", "")
	f("long abc", `{"n":{"type":"long"}}`, `{"n":"abc"}`, "400", docErr)
	f("long bool", `{"n":{"type":"long"}}`, `{"n":true}`, "400", docErr)
	f("integer out of range", `{"n":{"type":"integer"}}`, `{"n":3000000000}`, "400", docErr)
	f("float ok", `{"n":{"type":"float"}}`, `{"n":0.25}`, "201", "")
	f("ip ok", `{"ip":{"type":"ip"}}`, `{"ip":"2001:db8::1"}`, "201", "")
	f("ip bad", `{"ip":{"type":"ip"}}`, `{"ip":"not-an-ip"}`, "400", docErr)
	f("date iso", `{"d":{"type":"date"}}`, `{"d":"2024-02-29T10:00:00.123456Z"}`, "201", "")
	f("date epoch", `{"d":{"type":"date"}}`, `{"d":1704067200000}`, "201", "")
	f("date bad", `{"d":{"type":"date"}}`, `{"d":"yesterday"}`, "400", docErr)
	f("date feb 30", `{"d":{"type":"date"}}`, `{"d":"2023-02-30"}`, "400", docErr)
	f("boolean string", `{"b":{"type":"boolean"}}`, `{"b":"true"}`, "201", "")
	f("boolean bad", `{"b":{"type":"boolean"}}`, `{"b":"yes"}`, "400", docErr)
	f("keyword from number", `{"k":{"type":"keyword"}}`, `{"k":5}`, "201", "")
	f("object into keyword", `{"k":{"type":"keyword"}}`, `{"k":{"a":1}}`, "400", docErr)
	f("value into object", `{"o":{"properties":{"a":{"type":"long"}}}}`, `{"o":5}`, "400", docErr)
	f("ignore_malformed", `{"n":{"type":"long","ignore_malformed":true}}`, `{"n":"abc"}`, "201", "")
	f("array element bad", `{"n":{"type":"long"}}`, `{"n":[1,"x"]}`, "400", docErr)
	f("null value", `{"n":{"type":"long"}}`, `{"n":null}`, "201", "")
	f("not json", ``, `{"a":`, "400", docErr)
	f("not an object", ``, `[1,2]`, "400", docErr)
	f("dotted key into nested mapping", `{"a":{"properties":{"b":{"type":"long"}}}}`, `{"a.b":"x"}`, "400", docErr)
}

func TestBulkCreateConflictAndIndexUpdate(t *testing.T) {
	s := Start(t)
	out := bulk(t, s,
		`{"create":{"_index":"a","_id":"1"}}`, `{"v":1}`,
		`{"create":{"_index":"a","_id":"1"}}`, `{"v":2}`,
		`{"index":{"_index":"a","_id":"1"}}`, `{"v":3}`,
		`{"create":{"_index":"b","_id":"1"}}`, `{"v":4}`,
		`{"delete":{"_index":"a","_id":"1"}}`,
		`{"delete":{"_index":"a","_id":"1"}}`,
	)
	want := []struct{ action, status, result, errType string }{
		{"create", "201", "created", ""},
		{"create", "409", "<nil>", "version_conflict_engine_exception"},
		{"index", "200", "updated", ""},
		{"create", "201", "created", ""},
		{"delete", "200", "deleted", ""},
		{"delete", "404", "not_found", ""},
	}
	for i, w := range want {
		item := dig(out, "items", itoa(i), w.action)
		if str(dig(item, "status")) != w.status || str(dig(item, "result")) != w.result || w.errType != "" && str(dig(item, "error", "type")) != w.errType {
			t.Errorf("item %d: %v, want %+v", i, item, w)
		}
	}
	if got := str(dig(out, "items", "1", "create", "error", "reason")); !strings.Contains(got, "version conflict, document already exists") {
		t.Errorf("conflict reason %q", got)
	}
	if got := str(dig(out, "items", "2", "index", "_version")); got != "2" {
		t.Errorf("updated _version %s", got)
	}
	if str(out["errors"]) != "true" {
		t.Errorf("errors flag not set")
	}
	if got := s.IDCounts()["1"]; got != 1 {
		t.Errorf("IDCounts[1]=%d, want 1 (only in b)", got)
	}
}

func TestBulkRequestErrors(t *testing.T) {
	s := Start(t)
	for _, tc := range []struct {
		name, path, body, wantType string
	}{
		{"no final newline", "/_bulk", `{"create":{"_index":"a","_id":"1"}}` + "\n" + `{"v":1}`, "illegal_argument_exception"},
		{"empty", "/_bulk", "\n", "action_request_validation_exception"},
		{"malformed action", "/_bulk", "not json\n{}\n", "illegal_argument_exception"},
		{"unknown action", "/_bulk", `{"upsert":{"_index":"a"}}` + "\n{}\n", "illegal_argument_exception"},
		{"unknown parameter", "/_bulk", `{"create":{"_index":"a","foo":1}}` + "\n{}\n", "illegal_argument_exception"},
		{"missing source", "/_bulk", `{"create":{"_index":"a","_id":"1"}}` + "\n", "illegal_argument_exception"},
		{"index missing", "/_bulk", `{"create":{"_id":"1"}}` + "\n{}\n", "action_request_validation_exception"},
	} {
		status, out := call(t, s, "POST", tc.path, tc.body)
		if status != 400 || str(dig(out, "error", "type")) != tc.wantType || str(out["status"]) != "400" ||
			str(dig(out, "error", "root_cause", "0", "type")) != tc.wantType {
			t.Errorf("%s: %d %v, want 400 %s", tc.name, status, out, tc.wantType)
		}
	}
	if len(s.Indices()) != 0 {
		t.Errorf("a refused bulk request created indices: %v", s.Indices())
	}
}

func TestBulkDefaultIndexAutoIDAndNames(t *testing.T) {
	s := Start(t)
	out := mustCall(t, s, 200, "POST", "/dflt/_bulk", `{"index":{}}`+"\n"+`{"a":1}`+"\n"+`{"create":{"_index":"Bad"}}`+"\n{}\n"+`{"create":{"_index":"_x"}}`+"\n{}\n")
	if id := str(dig(out, "items", "0", "index", "_id")); len(id) != 20 || str(dig(out, "items", "0", "index", "_index")) != "dflt" {
		t.Errorf("auto id / default index: %v", dig(out, "items", "0"))
	}
	for _, i := range []string{"1", "2"} {
		if got := str(dig(out, "items", i, "create", "error", "type")); got != "invalid_index_name_exception" {
			t.Errorf("item %s: %v", i, dig(out, "items", i))
		}
	}
	if got := strings.Join(s.Indices(), ","); got != "dflt" {
		t.Errorf("indices %s", got)
	}
}

func TestBulkGzipBody(t *testing.T) {
	s := Start(t)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write([]byte(`{"create":{"_index":"z","_id":"1"}}` + "\n" + `{"a":1}` + "\n"))
	_ = zw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/_bulk", &buf)
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || s.IDCounts()["1"] != 1 {
		t.Fatalf("gzip bulk: %d %v", resp.StatusCode, s.IDCounts())
	}
}

func TestDynamicMapping(t *testing.T) {
	s := Start(t)
	bulk(t, s, `{"create":{"_index":"d","_id":"1"}}`,
		`{"s":"hello","n":3,"f":1.5,"b":true,"t":"2024-01-01T00:00:00Z","o":{"x":"y"},"dot.ted":1,"arr":[1,2]}`)
	m := mustCall(t, s, 200, "GET", "/d/_mapping", "")
	props := dig(m, "d", "mappings", "properties")
	for path, want := range map[string]string{
		"s.type": "text", "s.fields.keyword.type": "keyword", "s.fields.keyword.ignore_above": "256",
		"n.type": "long", "f.type": "float", "b.type": "boolean", "t.type": "date",
		"o.properties.x.type": "text", "dot.properties.ted.type": "long", "arr.type": "long",
	} {
		if got := str(dig(props, strings.Split(path, ".")...)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	// The new mappings now bind later documents.
	out := bulk(t, s, `{"create":{"_index":"d","_id":"2"}}`, `{"n":"abc"}`, `{"create":{"_index":"d","_id":"3"}}`, `{"o":"flat"}`)
	for i := range 2 {
		if got := str(dig(out, "items", itoa(i), "create", "status")); got != "400" {
			t.Errorf("item %d after dynamic mapping: %v", i, dig(out, "items", itoa(i)))
		}
	}
}

func TestDynamicStrictAndFalse(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/strict", `{"mappings":{"dynamic":"strict","properties":{"a":{"type":"keyword"}}}}`)
	mustCall(t, s, 200, "PUT", "/loose", `{"mappings":{"dynamic":false,"properties":{"a":{"type":"keyword"}}}}`)
	out := bulk(t, s, `{"create":{"_index":"strict","_id":"1"}}`, `{"a":"x","b":"y"}`, `{"create":{"_index":"loose","_id":"1"}}`, `{"a":"x","b":"y"}`)
	if got := str(dig(out, "items", "0", "create", "error", "type")); got != "strict_dynamic_mapping_exception" {
		t.Errorf("strict: %v", dig(out, "items", "0"))
	}
	if got := str(dig(out, "items", "1", "create", "status")); got != "201" {
		t.Errorf("dynamic false: %v", dig(out, "items", "1"))
	}
	resp := mustCall(t, s, 200, "POST", "/loose/_search", `{"query":{"exists":{"field":"b"}}}`)
	if n := str(dig(resp, "hits", "total", "value")); n != "0" {
		t.Errorf("unmapped field searchable with dynamic false: %s", n)
	}
}

func TestDateDetectionAndDynamicTemplateMatch(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/x", `{"mappings":{"date_detection":false,"dynamic_templates":[
		{"ids":{"match":"*_id","mapping":{"type":"keyword"}}},
		{"paths":{"path_match":"labels.*","mapping":{"type":"keyword"}}},
		{"longs_as_float":{"match_mapping_type":"long","unmatch":"keep*","mapping":{"type":"double"}}}]}}`)
	bulk(t, s, `{"create":{"_index":"x","_id":"1"}}`, `{"t":"2024-01-01T00:00:00Z","user_id":5,"labels":{"env":"prod"},"count":1,"keep_me":2}`)
	m := mustCall(t, s, 200, "GET", "/x/_mapping", "")
	props := dig(m, "x", "mappings", "properties")
	for path, want := range map[string]string{
		"t.type": "text", "user_id.type": "keyword", "labels.properties.env.type": "keyword", "count.type": "double", "keep_me.type": "long",
	} {
		if got := str(dig(props, strings.Split(path, ".")...)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

func TestTotalFieldsLimit(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/lim", `{"settings":{"index.mapping.total_fields.limit":3}}`)
	out := bulk(t, s, `{"create":{"_index":"lim","_id":"1"}}`, `{"a":1,"b":2,"c":3,"d":4}`)
	if got := str(dig(out, "items", "0", "create", "error", "type")); got != "illegal_argument_exception" {
		t.Fatalf("fields limit: %v", out)
	}
}

func TestSourceMustBeOneJSONObject(t *testing.T) {
	s := Start(t)
	for _, src := range []string{`{}}`, `{} {}`, `{"a":1}x`} {
		out := bulk(t, s, `{"create":{"_index":"a","_id":"1"}}`, src)
		if got := str(dig(out, "items", "0", "create", "status")); got != "400" {
			t.Errorf("source %q: %v", src, dig(out, "items", "0"))
		}
	}
}
