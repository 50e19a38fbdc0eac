package elasticsearch

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestTemplatePerVersion checks which endpoint and body shape each
// supported cluster gets, and that an up-to-date template is left alone.
func TestTemplatePerVersion(t *testing.T) {
	f := func(version, wantPath string, composable bool) {
		t.Helper()
		rc := &recorder{version: version}
		s := openAt(t, startRecorder(t, rc), nil)
		puts := rc.requests("PUT /_")
		if len(puts) != 1 || puts[0].path != wantPath {
			t.Fatalf("%s: template PUTs %+v, want one to %s", version, puts, wantPath)
		}
		var body map[string]any
		if err := json.Unmarshal(puts[0].body, &body); err != nil {
			t.Fatal(err)
		}
		if v, ok := body["version"].(float64); !ok || int(v) != s.newTemplate().version {
			t.Errorf("%s: version %v, want %d", version, body["version"], s.newTemplate().version)
		}
		mappingsAt := body["mappings"]
		if composable {
			tmpl, _ := body["template"].(map[string]any)
			mappingsAt = tmpl["mappings"]
			if body["priority"] == nil || body["order"] != nil {
				t.Errorf("%s: composable template without priority: %s", version, puts[0].body)
			}
		} else if body["order"] == nil || body["template"] != nil {
			t.Errorf("%s: legacy template shape wrong: %s", version, puts[0].body)
		}
		checkMappings(t, mappingsAt)
		settingsAt := body["settings"]
		if composable {
			settingsAt = body["template"].(map[string]any)["settings"]
		}
		checkAnalysis(t, settingsAt, mappingsAt)
		if p, _ := body["index_patterns"].([]any); len(p) != 1 || p[0] != "logstack-*.*.*.*" {
			t.Errorf("%s: index_patterns %v", version, body["index_patterns"])
		}

		// A second start with the template in place writes nothing.
		rc2 := &recorder{version: version, tmplVer: s.newTemplate().version}
		openAt(t, startRecorder(t, rc2), nil)
		if puts := rc2.requests("PUT /_"); len(puts) != 0 {
			t.Errorf("%s: up-to-date template rewritten: %+v", version, puts)
		}
		// An outdated one is replaced.
		rc3 := &recorder{version: version, tmplVer: 1}
		openAt(t, startRecorder(t, rc3), nil)
		if puts := rc3.requests("PUT " + wantPath); len(puts) != 1 {
			t.Errorf("%s: outdated template not replaced", version)
		}
	}
	f("8.15.0", "/_index_template/logstack", true)
	f("7.10.2", "/_index_template/logstack", true)
	f("7.8.0", "/_index_template/logstack", true)
	f("7.5.0", "/_template/logstack", false)
	f("opensearch 2.11.0", "/_index_template/logstack", true)
	f("opensearch 1.3.0", "/_index_template/logstack", true)
}

// checkMappings asserts the explicit types the issue asks for.
func checkMappings(t *testing.T, m any) {
	t.Helper()
	mm, _ := m.(map[string]any)
	props, _ := mm["properties"].(map[string]any)
	typeOf := func(path ...string) string {
		node := props
		for i, p := range path {
			leaf, _ := node[p].(map[string]any)
			if i == len(path)-1 {
				s, _ := leaf["type"].(string)
				return s
			}
			node, _ = leaf["properties"].(map[string]any)
		}
		return ""
	}
	want := map[string][]string{
		"date":    {"@timestamp"},
		"keyword": {"event", "id"},
		"text":    {"message"},
		"ip":      {"source", "ip"},
		"long":    {"http", "response", "status_code"},
		"double":  {"aws", "elb", "request_processing_time", "sec"},
	}
	for typ, path := range want {
		if got := typeOf(path...); got != typ {
			t.Errorf("mapping of %v is %q, want %q", path, got, typ)
		}
	}
	if mm["date_detection"] != false {
		t.Errorf("date_detection not off: %v", mm["date_detection"])
	}
	dt, _ := json.Marshal(mm["dynamic_templates"])
	if string(dt) != `[{"strings_as_keyword":{"mapping":{"ignore_above":8191,"type":"keyword"},"match_mapping_type":"string"}}]` {
		t.Errorf("dynamic_templates %s", dt)
	}
}

// TestDataStreamOpen checks the data stream's template flag and creation,
// and that a cluster without data streams is refused.
func TestDataStreamOpen(t *testing.T) {
	rc := &recorder{}
	openAt(t, startRecorder(t, rc), func(o *Options) { o.DataStream = "logs-logstack" })
	puts := rc.requests("PUT /_index_template/logstack")
	if len(puts) != 1 {
		t.Fatalf("template PUTs: %d", len(puts))
	}
	var body map[string]any
	_ = json.Unmarshal(puts[0].body, &body)
	if _, ok := body["data_stream"]; !ok {
		t.Errorf("template lacks data_stream: %s", puts[0].body)
	}
	if p, _ := body["index_patterns"].([]any); len(p) != 1 || p[0] != "logs-logstack" {
		t.Errorf("index_patterns %v", body["index_patterns"])
	}
	if len(rc.requests("PUT /_data_stream/logs-logstack")) != 1 {
		t.Error("data stream not created")
	}

	old := &recorder{version: "7.8.1"}
	_, err := Open(t.Context(), Options{URLs: []string{startRecorder(t, old)}, DataStream: "logs"}, nil, nil)
	if err == nil || isRetryable(err) {
		t.Fatalf("data stream on 7.8: err = %v, want a permanent error", err)
	}
}

// TestOpenRefusesOldOrForeign checks the version gate.
func TestOpenRefusesOldOrForeign(t *testing.T) {
	for _, v := range []string{"6.8.23", "x.y"} {
		rc := &recorder{version: v}
		_, err := Open(t.Context(), Options{URLs: []string{startRecorder(t, rc)}}, nil, nil)
		if err == nil || isRetryable(err) {
			t.Errorf("version %s: err = %v, want a permanent error", v, err)
		}
	}
}

// TestOpenRefusesBadOptions checks option errors are permanent and never
// echo a URL.
func TestOpenRefusesBadOptions(t *testing.T) {
	for _, o := range []Options{
		{},
		{URLs: []string{"ftp://user:pa55word@host"}},
		{URLs: []string{"http://127.0.0.1:9"}, Index: "no-directive"},
		{URLs: []string{"http://127.0.0.1:9"}, Fields: []Field{{"a", "string"}}},
	} {
		_, err := Open(t.Context(), o, nil, nil)
		if err == nil || isRetryable(err) || strings.Contains(err.Error(), "pa55word") {
			t.Errorf("%+v: err = %v, want a permanent error without the URL", o, err)
		}
	}
}

// checkAnalysis asserts that message uses the DuckDB word analyzer and
// that the settings define it.
func checkAnalysis(t *testing.T, settings, mappings any) {
	t.Helper()
	idx, _ := settings.(map[string]any)["index"].(map[string]any)
	raw, _ := json.Marshal(idx["analysis"])
	want := `{"analyzer":{"logstack_words":{"filter":["lowercase","logstack_truncate"],"tokenizer":"logstack_words","type":"custom"}},` +
		`"filter":{"logstack_truncate":{"length":1024,"type":"truncate"}},` +
		`"tokenizer":{"logstack_words":{"pattern":"[^\\p{L}\\p{N}\\p{M}_]+","type":"pattern"}}}`
	if string(raw) != want {
		t.Errorf("analysis\n%s\nwant\n%s", raw, want)
	}
	if idx["number_of_shards"] != float64(1) || idx["number_of_replicas"] != float64(0) {
		t.Errorf("shards/replicas %v/%v", idx["number_of_shards"], idx["number_of_replicas"])
	}
	msg, _ := mappings.(map[string]any)["properties"].(map[string]any)["message"].(map[string]any)
	if msg["analyzer"] != "logstack_words" {
		t.Errorf("message mapping %v", msg)
	}
}
