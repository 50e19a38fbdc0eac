package query

import (
	"reflect"
	"testing"
)

// Shorthands for expected ASTs.

func word(field, value string) Term   { return Term{Field: field, Value: value, Kind: Word} }
func phrase(field, value string) Term { return Term{Field: field, Value: value, Kind: Phrase} }
func wild(field, value string) Term   { return Term{Field: field, Value: value, Kind: Wildcard} }
func and(nodes ...Node) And           { return And{Nodes: nodes} }
func or(nodes ...Node) Or             { return Or{Nodes: nodes} }
func not(n Node) Not                  { return Not{Node: n} }
func msg(v string) Term               { return word(DefaultField, v) }

// parseCase is one successful parse: the AST and the canonical rendering.
type parseCase struct {
	query string
	want  Node
	str   string // String(want); "" means same as query
}

// checkParse asserts the AST, the rendering and the round trip.
func checkParse(t *testing.T, tc parseCase) {
	t.Helper()
	got, err := Parse(tc.query)
	if err != nil {
		t.Fatalf("Parse(%q): %v", tc.query, err)
	}
	if !reflect.DeepEqual(got, tc.want) {
		t.Fatalf("Parse(%q)\n got: %#v\nwant: %#v", tc.query, got, tc.want)
	}
	wantStr := tc.str
	if wantStr == "" {
		wantStr = tc.query
	}
	s := String(got)
	if s != wantStr {
		t.Errorf("String(Parse(%q)) = %q, want %q", tc.query, s, wantStr)
	}
	again, err := Parse(s)
	if err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("Parse(%q) = %#v, %v; want %#v", s, again, err, got)
	}
}

func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) { checkParse(t, tc) })
	}
}
