package query

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// checkSyntaxError asserts that query fails at pos with a message
// containing want, and that the error is classified as ErrSyntax.
func checkSyntaxError(t *testing.T, query string, pos int, want string) {
	t.Helper()
	n, err := Parse(query)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%q) = %#v, %v; want *SyntaxError", query, n, err)
	}
	if !errors.Is(err, ErrSyntax) {
		t.Errorf("Parse(%q): errors.Is(err, ErrSyntax) = false", query)
	}
	if se.Pos != pos || !strings.Contains(se.Msg, want) {
		t.Errorf("Parse(%q) error = %q at %d; want %q at %d", query, se.Msg, se.Pos, want, pos)
	}
	if prefix := fmt.Sprintf("query: position %d: ", pos); !strings.HasPrefix(err.Error(), prefix) {
		t.Errorf("Parse(%q).Error() = %q; want prefix %q", query, err.Error(), prefix)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		query string
		pos   int
		want  string
	}{
		// Parentheses and operators.
		{"(a", 2, "expected ')' to close '(' at position 0, found end of query"},
		{"((a)", 4, "expected ')' to close '(' at position 0, found end of query"},
		{"a AND (b", 8, "expected ')' to close '(' at position 6, found end of query"},
		{"a)", 1, "expected end of query, found ')' with no matching '('"},
		{"()", 1, "expected a term, phrase, field:value or '(', found ')'"},
		{"a AND", 5, "expected a term, phrase, field:value or '(', found end of query"},
		{"AND a", 0, `found operator "AND"`},
		{"&& a", 0, `found operator "&&"`},
		{"a OR OR b", 5, `found operator "OR"`},
		{"a AND || b", 6, `found operator "||"`},
		{"NOT", 3, "found end of query"},
		{"NOT NOT", 7, "found end of query"},
		{"-", 1, "found end of query"},
		{"a +", 3, "found end of query"},
		{"NOT:a", 3, "expected a field name before ':', found none"},
		// Fields.
		{"f:", 2, `expected a value after "f:", found end of query`},
		{"f:)", 2, `expected a value after "f:", found ')'`},
		{"f: AND", 3, `expected a value after "f:", found operator "AND"`},
		{"f:!a", 2, `expected a value after "f:", found operator "!"`},
		{"f:g:h", 2, `expected a value after "f:", found field "g:"; escape ':' in values`},
		{"host:10.0.0.1:80", 5, `found field "10.0.0.1:"`},
		{":a", 0, "expected a field name before ':', found none"},
		{"a::b", 2, "expected a field name before ':', found none"},
		{"*:foo", 0, `expected a field name, found wildcard field "*:"`},
		{"f*:x", 0, `found wildcard field "f*:"`},
		{"*:(a)", 0, `found wildcard field "*:"`},
		// Phrases and escapes.
		{`"abc`, 4, `expected '"' to close the phrase opened at position 0, found end of query`},
		{`f:"abc\"`, 8, "phrase opened at position 2"},
		{`"abc\`, 5, "phrase opened at position 0"},
		{`a\`, 1, `expected a character after '\', found end of query`},
		{`f:[a\`, 4, `expected a character after '\', found end of query`},
		{`f:>a\`, 4, `expected a character after '\', found end of query`},
		{"f:" + strings.Repeat("é", 30) + ":", 2, `found field "` + strings.Repeat("é", 20) + `..."`},
		// Unsupported syntax.
		{"a~", 1, "fuzzy and proximity queries (~) are unsupported"},
		{"a~2", 1, "fuzzy and proximity queries (~) are unsupported"},
		{`"a b"~3`, 5, "fuzzy and proximity queries (~) are unsupported"},
		{"~a", 0, "fuzzy and proximity queries (~) are unsupported"},
		{"/ab/", 0, "regular expressions (/.../) are unsupported"},
		{"f:/ab/", 2, "regular expressions (/.../) are unsupported"},
		{"path:/var/log", 5, "regular expressions (/.../) are unsupported"},
		{"a/b", 1, "regular expressions (/.../) are unsupported"},
		{"a]", 1, "found ']' outside a range"},
		{"a}", 1, "found '}' outside a range"},
		// Boosts.
		{"a^", 2, "expected a number after '^', found end of query"},
		{"a^ 2", 2, "expected a number after '^', found whitespace"},
		{"a^x", 2, `expected a number after '^', found "x"`},
		{"a^2x", 2, `expected a number after '^', found "2x"`},
		{"a^1.", 2, `found "1."`},
		{"^2", 0, `found boost "^2"`},
		{"a^2^3", 3, `found boost "^3"`},
		// Ranges.
		{"f:[1 TO 5", 9, "expected ']' or '}' to close the range opened at position 2, found end of query"},
		{"f:[1 TO 5 6]", 10, "expected ']' or '}' to close the range opened at position 2, found '6'"},
		{"f:[1 5]", 5, `expected TO between range bounds, found "5"`},
		{"f:[1 to 5]", 5, `expected TO between range bounds, found "to"`},
		{"f:[1", 4, "expected TO between range bounds, found end of query"},
		{"f:[1 TO]", 7, "expected an upper bound after TO, found ']'"},
		{"f:[]", 3, "expected a lower bound, found ']'"},
		{`f:["a TO b]`, 11, "phrase opened at position 3"},
		{"[1 TO 5]", 0, `expected a field name before range "[1 TO 5]", found none`},
		{">5", 0, `expected a field name before range ">5", found none`},
		{"(>=5)", 1, `expected a field name before range ">=5", found none`},
		{"f:>", 3, `expected a value right after ">", found end of query`},
		{"f:>= 5", 4, `expected a value right after ">=", found whitespace`},
		{"f:<)", 3, `expected a value right after "<", found ')'`},
		{`f:>"abc`, 7, "phrase opened at position 3"},
		// _exists_.
		{"_exists_:", 9, `expected a value after "_exists_:", found end of query`},
		{"_exists_:a*", 9, `expected a field name after _exists_:, found term "a*"`},
		{"_exists_:*", 9, `expected a field name after _exists_:, found term "*"`},
		{`_exists_:""`, 9, `expected a field name after _exists_:, found phrase ""`},
		{"_exists_:[a TO b]", 9, `expected a field name after _exists_:, found range "[a TO b]"`},
		{"_exists_:>5", 9, `found range ">5"`},
		// Input limits.
		{"a\xffb", 1, "expected UTF-8 text, found byte 0xff"},
	} {
		t.Run(tc.query, func(t *testing.T) { checkSyntaxError(t, tc.query, tc.pos, tc.want) })
	}
}

func TestParseLimits(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("(", n) + "a" + strings.Repeat(")", n) }
	prefixes := func(n int) string { return strings.Repeat("NOT ", n) + "a" }

	for _, q := range []string{nest(MaxDepth), prefixes(MaxDepth), strings.Repeat("a", MaxLength), "f:(" + nest(MaxDepth-1) + ")"} {
		if _, err := Parse(q); err != nil {
			t.Errorf("Parse(%.20q...) at the limit: %v", q, err)
		}
	}
	checkSyntaxError(t, nest(MaxDepth+1), MaxDepth, "expected at most 100 nested parentheses, found more")
	checkSyntaxError(t, "f:("+nest(MaxDepth)+")", 2+MaxDepth, "expected at most 100 nested parentheses")
	checkSyntaxError(t, strings.Repeat("(", 1<<15), MaxDepth, "expected at most 100 nested parentheses")
	checkSyntaxError(t, prefixes(MaxDepth+1), 4*MaxDepth, "expected at most 100 prefix operators in a row, found more")
	checkSyntaxError(t, strings.Repeat("!", 1<<15)+"a", MaxDepth, "expected at most 100 prefix operators")
	mixed := func(n int) string { return strings.Repeat("(", n) + "a b -c" + strings.Repeat(")", n) }
	if _, err := Parse(mixed(MaxDepth - 1)); err != nil {
		t.Errorf("Parse(mixed(MaxDepth-1)): %v", err)
	}
	checkSyntaxError(t, mixed(MaxDepth), MaxDepth, "expected at most 100 levels of nesting, found more")
	checkSyntaxError(t, "x y -z "+nest(MaxDepth), 7+MaxDepth, "expected at most 100 levels of nesting")
	checkSyntaxError(t, strings.Repeat("a", MaxLength+1), MaxLength, "expected a query of at most 65536 bytes, found 65537 bytes")
}

func TestSyntaxErrorMessage(t *testing.T) {
	_, err := Parse("level:(error OR warn")
	want := "query: position 20: expected ')' to close '(' at position 6, found end of query"
	if err == nil || err.Error() != want {
		t.Fatalf("Parse error = %v, want %q", err, want)
	}
}
