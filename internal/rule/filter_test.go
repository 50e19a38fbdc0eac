package rule

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/logstack/logstack/internal/query"
)

func TestParseFilter(t *testing.T) {
	f := func(src string, want query.Node) {
		t.Helper()
		got, err := ParseFilter("f.yaml", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\n got %#v (%s)\nwant %#v (%s)", src, got, query.String(got), want, query.String(want))
		}
	}
	phrase := func(f, v string) query.Node { return query.Term{Field: f, Value: v, Kind: query.Phrase} }
	word := func(f, v string) query.Node { return query.Term{Field: f, Value: v, Kind: query.Word} }
	wild := func(f, v string) query.Node { return query.Term{Field: f, Value: v, Kind: query.Wildcard} }

	f("", query.MatchAll{})
	f("[]", query.MatchAll{})
	f("- match_all: {}", query.MatchAll{})
	f("- term: {status: 500}", phrase("status", "500"))
	f("- term: {host.keyword: {value: web-1}}", phrase("host", "web-1"))
	f("- terms: {level: [error, fatal]}", query.Or{Nodes: []query.Node{phrase("level", "error"), phrase("level", "fatal")}})
	f("- match: {message: disk full}", query.Or{Nodes: []query.Node{word("message", "disk"), word("message", "full")}})
	f("- match: {message: {query: disk-full, operator: and}}", query.And{Nodes: []query.Node{word("message", "disk"), word("message", "full")}})
	f("- match: {message: timeout}", word("message", "timeout"))
	f("- match_phrase: {message: disk full}", phrase("message", "disk full"))
	f("- match_phrase: {message: {query: disk full}}", phrase("message", "disk full"))
	f("- exists: {field: trace.id}", query.Exists{Field: "trace.id"})
	f("- wildcard: {host: web-*}", wild("host", "web-*"))
	f(`- wildcard: {host: {value: 'a\*b?'}}`, wild("host", `a\*b?`))
	f(`- wildcard: {host: 'a\-b'}`, phrase("host", "a-b"))
	f("- prefix: {path: /api/}", wild("path", "/api/*"))
	f("- prefix: {path: {value: 'a*'}}", wild("path", `a\**`))
	f("- range: {status: {gte: 500, lt: 600}}", query.Range{Field: "status", Lower: "500", Upper: "600", HasLower: true, HasUpper: true, IncludeLower: true})
	f("- range: {'@timestamp': {gt: now-15m}}", query.Range{Field: "@timestamp", Lower: "now-15m", HasLower: true})
	f("- range: {bytes: {lte: 10}}", query.Range{Field: "bytes", Upper: "10", HasUpper: true, IncludeUpper: true})
	f("- query_string: {query: 'level:error'}", word("level", "error"))
	f("- query: {query_string: {query: 'a AND b'}}", query.And{Nodes: []query.Node{word("", "a"), word("", "b")}})
	f("- query_string: {query: 'a OR b', default_field: host}", query.Or{Nodes: []query.Node{word("host", "a"), word("host", "b")}})
	f("- query_string: {query: 'a', default_field: message}", word("", "a"))
	f("- query_string: {query: 'a', analyze_wildcard: true, default_operator: OR}", word("", "a"))
	// Several list items: all must match.
	f("- term: {a: 1}\n- term: {b: 2}", query.And{Nodes: []query.Node{phrase("a", "1"), phrase("b", "2")}})
	// bool: should is required without must/filter ...
	f("- bool: {should: [{term: {a: 1}}, {term: {b: 2}}]}", query.Or{Nodes: []query.Node{phrase("a", "1"), phrase("b", "2")}})
	// ... and only scores (ignored in a filter) beside them, as in Elasticsearch.
	f("- bool: {must: {term: {a: 1}}, should: {term: {b: 2}}}", phrase("a", "1"))
	f("- bool: {filter: {term: {a: 1}}, should: {term: {b: 2}}, minimum_should_match: 1}", query.And{Nodes: []query.Node{phrase("a", "1"), phrase("b", "2")}})
	f("- bool: {must_not: [{term: {a: 1}}, {exists: {field: b}}]}", query.Not{Node: query.Or{Nodes: []query.Node{phrase("a", "1"), query.Exists{Field: "b"}}}})
	f("- bool: {must: [{term: {a: 1}}], filter: [{term: {b: 2}}], must_not: {term: {c: 3}}}",
		query.And{Nodes: []query.Node{phrase("a", "1"), phrase("b", "2"), query.Not{Node: phrase("c", "3")}}})
	f("- bool: {}", query.MatchAll{})
	f("- bool: {must: [{bool: {should: [{term: {a: 1}}]}}]}", phrase("a", "1"))
}

func TestParseFilterProblems(t *testing.T) {
	f := func(src string, kind error, want ...string) {
		t.Helper()
		_, err := ParseFilter("f.yaml", []byte(src))
		var got []string
		for _, p := range Problems(err) {
			got = append(got, p.Error())
			if !errors.Is(p, kind) {
				t.Errorf("%s: %v is not %v", src, p, kind)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", src, got, want)
		}
	}
	f("- term: {a: 1, b: 2}", ErrInvalid, `f.yaml:1:10: filter[0].term: expected {field: value}, got 2 keys`)
	f("- {term: {a: 1}, terms: {b: [2]}}", ErrInvalid, `f.yaml:1:4: filter[0]: expected a query clause with exactly one key such as term or query_string, got 2 keys`)
	f("- geo_distance: {}", ErrUnsupported, `f.yaml:1:3: filter[0].geo_distance: query type "geo_distance" is not supported yet (supported: bool, exists, match, match_all, match_phrase, prefix, query, query_string, range, term, terms, wildcard)`)
	f("- query_string: {query: 'a AND'}", ErrInvalid, `f.yaml:1:25: filter[0].query_string.query: query_string: position 5: expected a term, phrase, field:value or '(', found end of query`)
	f("- query_string: {query: a, default_operator: AND}", ErrUnsupported, `f.yaml:1:46: filter[0].query_string.default_operator: default_operator string "AND" is not supported yet (only OR, the default)`)
	f("- term: {a: {value: 1, case_insensitive: true}}", ErrUnsupported, `f.yaml:1:24: filter[0].term.a.case_insensitive: option "case_insensitive" is not supported yet`)
	f("- terms: {a: []}", ErrInvalid, `f.yaml:1:14: filter[0].terms.a: expected a non-empty list of values (terms lookup is not supported), got a list`)
	f("- range: {t: {gte: '2024-01-01||+1d'}}", ErrUnsupported, `f.yaml:1:20: filter[0].range.t.gte: anchored date math "2024-01-01||+1d" is not supported yet (use an instant or now-relative math)`)
	f("- range: {t: {from: 1}}", ErrUnsupported, `f.yaml:1:15: filter[0].range.t.from: range option "from" is not supported yet (gt, gte, lt, lte)`)
	f("- bool: {should: [{term: {a: 1}}], minimum_should_match: 2}", ErrUnsupported, `f.yaml:1:58: filter[0].bool.minimum_should_match: minimum_should_match integer 2 is not supported yet (only 0 or 1)`)
	f("- term: {a: null}", ErrInvalid, `f.yaml:1:13: filter[0].term.a: expected a string, number or boolean, got null`)
	f("term: 5", ErrInvalid, `f.yaml:1:7: filter.term: expected {field: value}, got integer 5`)
	f("5", ErrInvalid, `f.yaml:1:1: filter: expected a list of query clauses, got integer 5`)
}
