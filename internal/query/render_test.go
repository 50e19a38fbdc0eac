package query

import "testing"

// TestString covers ASTs that Parse never returns (so the round trip in the
// parse tests does not reach them) but that backends or tests may build.
func TestString(t *testing.T) {
	for _, tc := range []struct {
		node Node
		want string
	}{
		{And{}, "*:*"},
		{Or{}, "NOT *:*"},
		{and(a), "a"},
		{and(a, and(b, c)), "a AND (b AND c)"},
		{or(a, or(b, c)), "a OR (b OR c)"},
		{or(and(a, b), c), "a AND b OR c"},
		{not(and(a, b)), "NOT (a AND b)"},
		{msg(""), `""`},
		{word("f", "AND"), `f:\AND`},
		{word("f", "-1"), "f:-1"},
		{word("-f", "x"), `\-f:x`},
		{word("f", ">5"), `f:\>5`},
		{word("f", "a b:c"), `f:a\ b\:c`},
		{wild("f", `a\*b*`), `f:a\*b*`},
		{wild("f", `(a)*`), `f:\(a\)*`},
		{phrase("f", `a "b" \c`), `f:"a \"b\" \\c"`},
		{Range{Field: "f", HasLower: true, HasUpper: true, IncludeLower: true}, `f:["" TO ""}`},
		{Range{Field: "f"}, "f:{* TO *}"},
		{Range{Field: "f", Lower: "a b", HasLower: true, IncludeLower: true}, `f:>="a b"`},
		{Range{Field: "f", Upper: "2024-01-02T03:04:05Z", HasUpper: true}, "f:<2024-01-02T03:04:05Z"},
		{Range{Field: "f", Lower: "x]", Upper: "TO", HasLower: true, HasUpper: true}, `f:{"x]" TO "TO"}`},
		{Exists{Field: "a b"}, `_exists_:a\ b`},
		{Exists{Field: "AND"}, `_exists_:\AND`},
		{nil, "<unknown node <nil>>"},
	} {
		if got := String(tc.node); got != tc.want {
			t.Errorf("String(%#v) = %q, want %q", tc.node, got, tc.want)
		}
	}
}
