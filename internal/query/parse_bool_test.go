package query

import "testing"

var a, b, c, d = msg("a"), msg("b"), msg("c"), msg("d")

func TestParseOperators(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "a AND b", want: and(a, b)},
		{query: "a && b", want: and(a, b), str: "a AND b"},
		{query: "a &&b", want: or(a, msg("&&b")), str: "a OR &&b"},
		{query: "a&&(b)", want: or(msg("a&&"), b), str: "a&& OR b"},
		{query: "a OR b", want: or(a, b)},
		{query: "a || b", want: or(a, b), str: "a OR b"},
		{query: "NOT a", want: not(a)},
		{query: "!a", want: not(a), str: "NOT a"},
		{query: "! a", want: not(a), str: "NOT a"},
		{query: "NOT(a)", want: not(a), str: "NOT a"},
		{query: "a AND NOT b", want: and(a, not(b))},
		{query: "a AND b AND c", want: and(a, b, c)},
		{query: "a OR b OR c", want: or(a, b, c)},
		{query: "NOT NOT a", want: not(not(a))},
		{query: "!!a", want: not(not(a)), str: "NOT NOT a"},
		{query: "a AND (b AND c)", want: and(a, b, c), str: "a AND b AND c"},
		{query: "(a OR b) OR c", want: or(a, b, c), str: "a OR b OR c"},
	})
}

func TestParsePrecedence(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "a OR b AND c", want: or(a, and(b, c))},
		{query: "a AND b OR c", want: or(and(a, b), c)},
		{query: "NOT a AND b", want: and(not(a), b)},
		{query: "NOT a OR b", want: or(not(a), b)},
		{query: "a b AND c", want: or(a, and(b, c)), str: "a OR b AND c"},
		{query: "a AND b c", want: or(and(a, b), c), str: "a AND b OR c"},
		{query: "a OR b c", want: or(a, b, c), str: "a OR b OR c"},
		{query: "a b OR c", want: or(a, b, c), str: "a OR b OR c"},
		{query: "(a OR b) AND c", want: and(or(a, b), c)},
		{query: "a AND (b OR c)", want: and(a, or(b, c))},
		{query: "NOT (a OR b)", want: not(or(a, b))},
		{query: "NOT (a AND b)", want: not(and(a, b))},
		{query: "a OR -b", want: or(a, not(b)), str: "a OR NOT b"},
		{query: "a OR NOT b", want: or(a, not(b))},
		{query: "a AND +b", want: and(a, b), str: "a AND b"},
		{query: "a AND -b", want: and(a, not(b)), str: "a AND NOT b"},
		{query: "-a AND b", want: and(not(a), b), str: "NOT a AND b"},
		{query: "a AND b OR c AND d", want: or(and(a, b), and(c, d))},
		{query: "a OR b AND NOT c OR d", want: or(a, and(b, not(c)), d)},
		{query: "a || b && !c", want: or(a, and(b, not(c))), str: "a OR b AND NOT c"},
		{query: "(a OR b) AND (c OR d)", want: and(or(a, b), or(c, d))},
		{query: "NOT a AND NOT b", want: and(not(a), not(b))},
		{query: "a AND (b OR (c AND d))", want: and(a, or(b, and(c, d))), str: "a AND (b OR c AND d)"},
		{query: "NOT (NOT a OR b)", want: not(or(not(a), b))},
	})
}

func TestParseClauseSemantics(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "a b", want: or(a, b), str: "a OR b"},
		{query: "+a +b", want: and(a, b), str: "a AND b"},
		{query: "+a b", want: a, str: "a"},
		{query: "a +b", want: b, str: "b"},
		{query: "+a -b c", want: and(a, not(b)), str: "a AND NOT b"},
		{query: "+a b -c +d", want: and(a, d, not(c)), str: "a AND d AND NOT c"},
		{query: "a -b", want: and(a, not(b)), str: "a AND NOT b"},
		{query: "a b -c", want: and(or(a, b), not(c)), str: "(a OR b) AND NOT c"},
		{query: "a -b -c", want: and(a, not(b), not(c)), str: "a AND NOT b AND NOT c"},
		{query: "-a", want: not(a), str: "NOT a"},
		{query: "- a", want: not(a), str: "NOT a"},
		{query: "-a -b", want: not(or(a, b)), str: "NOT (a OR b)"},
		{query: "-a NOT b !c", want: not(or(a, b, c)), str: "NOT (a OR b OR c)"},
		{query: "NOT a b", want: and(b, not(a)), str: "b AND NOT a"},
		{query: "error NOT debug", want: and(msg("error"), not(msg("debug"))), str: "error AND NOT debug"},
		{query: "a !b", want: and(a, not(b)), str: "a AND NOT b"},
		{query: "+a +(b OR c)", want: and(a, or(b, c)), str: "a AND (b OR c)"},
		{query: "+a +(b AND c)", want: and(a, b, c), str: "a AND b AND c"},
		{query: "(a b) c", want: or(a, b, c), str: "a OR b OR c"},
		{query: "+-a", want: not(a), str: "NOT a"},
		{query: "-(a b)", want: not(or(a, b)), str: "NOT (a OR b)"},
		{query: "+(a b) c", want: or(a, b), str: "a OR b"},
		{query: "-a AND b c", want: or(and(not(a), b), c), str: "NOT a AND b OR c"},
		{query: "+a OR b", want: or(a, b), str: "a OR b"},
		{query: "a NOT b AND c", want: or(a, and(not(b), c)), str: "a OR NOT b AND c"},
		{query: "(a -b) (c -d)", want: or(and(a, not(b)), and(c, not(d))), str: "a AND NOT b OR c AND NOT d"},
		{query: "*:* -a", want: and(MatchAll{}, not(a)), str: "*:* AND NOT a"},
		{query: "NOT *", want: not(MatchAll{}), str: "NOT *:*"},
	})
}

func TestParseFieldGroups(t *testing.T) {
	f := func(v string) Term { return word("f", v) }
	runParseCases(t, []parseCase{
		{query: "((a))", want: a, str: "a"},
		{query: "(a)", want: a, str: "a"},
		{query: "f:(a OR b)", want: or(f("a"), f("b")), str: "f:a OR f:b"},
		{query: "f:(a b)", want: or(f("a"), f("b")), str: "f:a OR f:b"},
		{query: "f:(a AND b)", want: and(f("a"), f("b")), str: "f:a AND f:b"},
		{query: "f:(+a -b)", want: and(f("a"), not(f("b"))), str: "f:a AND NOT f:b"},
		{query: "f:(NOT a)", want: not(f("a")), str: "NOT f:a"},
		{query: `f:("x y" z*)`, want: or(phrase("f", "x y"), wild("f", "z*")), str: `f:"x y" OR f:z*`},
		{query: "f:(a OR g:b)", want: or(f("a"), word("g", "b")), str: "f:a OR g:b"},
		{query: "f:(a (b OR c))", want: or(f("a"), f("b"), f("c")), str: "f:a OR f:b OR f:c"},
		{query: "f:(a g:(b c))", want: or(f("a"), word("g", "b"), word("g", "c")), str: "f:a OR g:b OR g:c"},
		{
			query: "f:([1 TO 2] OR >5)",
			want: or(Range{Field: "f", Lower: "1", Upper: "2", HasLower: true, HasUpper: true, IncludeLower: true, IncludeUpper: true},
				Range{Field: "f", Lower: "5", HasLower: true}),
			str: "f:[1 TO 2] OR f:>5",
		},
		// Only right after "field:" is a leading '-' literal; inside a group it
		// is a prefix operator, as in Lucene.
		{query: "status:(-1 OR 0)", want: or(not(word("status", "1")), word("status", "0")), str: "NOT status:1 OR status:0"},
		{query: "level:(error warn) AND host:web-1", want: and(or(word("level", "error"), word("level", "warn")), word("host", "web-1")),
			str: "(level:error OR level:warn) AND host:web-1"},
	})
}
