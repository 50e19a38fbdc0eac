package esfake

import (
	"strings"
	"testing"
)

// wordsSettings is a custom analyzer of the kind logstack's template
// defines: a pattern tokenizer, lowercase and truncate.
const wordsSettings = `"settings":{"analysis":{
	"tokenizer":{"words":{"type":"pattern","pattern":"[^\\p{L}\\p{N}\\p{M}_]+"}},
	"filter":{"cut":{"type":"truncate","length":5}},
	"analyzer":{"words":{"type":"custom","tokenizer":"words","filter":["lowercase","cut"]},
		"ws":{"type":"custom","tokenizer":"whitespace"}}}}`

func TestCustomAnalyzers(t *testing.T) {
	s := Start(t)
	mustCall(t, s, 200, "PUT", "/a", `{`+wordsSettings+`,"mappings":{"properties":{
		"m":{"type":"text","analyzer":"words"},"w":{"type":"text","analyzer":"ws"},
		"k":{"type":"text","analyzer":"keyword"},"s":{"type":"text","analyzer":"simple"},
		"q":{"type":"text","analyzer":"ws","search_analyzer":"standard"}}}}`)
	bulk(t, s, `{"create":{"_index":"a","_id":"1"}}`,
		`{"m":"Example.COM Extraordinary","w":"Foo-Bar baz","k":"Whole Value","s":"abc123def","q":"Mixed Case"}`)
	f := func(query string, want bool) {
		t.Helper()
		resp := mustCall(t, s, 200, "POST", "/a/_search", `{"query":`+query+`}`)
		if got := len(hitIDs(resp)) == 1; got != want {
			t.Errorf("%s: matched=%v, want %v", query, got, want)
		}
	}
	f(`{"match":{"m":"example"}}`, true)
	f(`{"match":{"m":"EXTRAORDINARY"}}`, true) // truncated to "extra" on both sides
	f(`{"term":{"m":"extra"}}`, true)
	f(`{"term":{"m":"extraordinary"}}`, false)
	f(`{"match":{"w":"Foo-Bar"}}`, true)
	f(`{"term":{"w":"foo-bar"}}`, false) // whitespace keeps case
	f(`{"match_phrase":{"k":"Whole Value"}}`, true)
	f(`{"match":{"k":"whole"}}`, false)
	f(`{"match":{"s":"def"}}`, true)
	f(`{"match":{"q":"Mixed"}}`, false)             // search analyzer lowercases, the index kept case
	f(`{"wildcard":{"m":{"value":"EXA*"}}}`, true)  // normalized by lowercase
	f(`{"wildcard":{"w":{"value":"Foo-*"}}}`, true) // no lowercase in ws
	f(`{"wildcard":{"w":{"value":"foo-*"}}}`, false)
	f(`{"prefix":{"w":{"value":"foo","case_insensitive":true}}}`, true)
	for _, body := range []string{
		`{"mappings":{"properties":{"m":{"type":"text","analyzer":"nope"}}}}`,
		`{"settings":{"analysis":{"analyzer":{"x":{"type":"custom","tokenizer":"nope_tok"}}}}}`,
		`{"settings":{"analysis":{"analyzer":{"x":{"type":"custom","tokenizer":"standard","filter":["stemmer_of_doom"]}}}}}`,
	} {
		status, out := call(t, s, "PUT", "/bad", body)
		if status != 400 {
			t.Errorf("%s: %d %v", body, status, out)
		}
	}
	status, _ := call(t, s, "PUT", "/_index_template/t", `{"index_patterns":["t*"],"template":{"mappings":{"properties":{"m":{"type":"text","analyzer":"nope"}}}}}`)
	if status != 400 {
		t.Errorf("template with an unknown analyzer: %d", status)
	}
}

func TestBuiltinAnalyzers(t *testing.T) {
	a := newAnalysis(map[string]any{})
	for name, want := range map[string]string{
		"standard": "foo|bar_baz|1|5", "simple": "foo|bar|baz", "whitespace": "Foo-bar_baz|1.5", "keyword": "Foo-bar_baz 1.5",
	} {
		an, err := a.get(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(an("Foo-bar_baz 1.5"), "|"); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}
