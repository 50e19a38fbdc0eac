package query

import (
	"errors"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics and that String is its inverse:
// every AST Parse returns renders to a query that parses back to it.
func FuzzParse(f *testing.F) {
	for _, q := range []string{"error", `level:error AND NOT "disk full"`, "f:[1 TO 5}", "a b -c +d"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Pos < 0 || se.Pos > len(q) {
				t.Fatalf("Parse(%q) error %#v: want *SyntaxError with 0 <= Pos <= %d", q, err, len(q))
			}
			return
		}
		s := String(n)
		again, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			// The canonical form spells out operators and fields ("f:(a b)"
			// renders "f:a OR f:b"), so it may outgrow MaxLength.
			if errors.As(err, &se) && len(s) > MaxLength && se.Pos == MaxLength {
				return
			}
			t.Fatalf("Parse(String(Parse(%q))) = Parse(%q): %v", q, s, err)
		}
		if !reflect.DeepEqual(again, n) {
			t.Fatalf("round trip of %q via %q:\n got: %#v\nwant: %#v", q, s, again, n)
		}
	})
}
