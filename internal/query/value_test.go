package query

import (
	"reflect"
	"slices"
	"testing"
	"time"
	"unicode"
)

func TestWords(t *testing.T) {
	f := func(value string, wildcard bool, want ...string) {
		t.Helper()
		if got := Words(value, wildcard, unicode.ToLower); !slices.Equal(got, want) {
			t.Errorf("Words(%q, %v) = %q, want %q", value, wildcard, got, want)
		}
	}
	f("Disk full!", false, "disk", "full")
	f("état_2 über-x", false, "état_2", "über", "x")
	f("a*b c?d", false, "a", "b", "c", "d")
	f(`conn*ion a?c`, true, "conn*ion", "a?c")
	f(`lit\*eral`, true, "lit", "eral")
	f(`a\\b`, true, "a", "b")
	f("--- !!", false)
	if got := Words("Ab", false, func(r rune) rune { return r }); !slices.Equal(got, []string{"Ab"}) {
		t.Errorf("identity fold: %q", got)
	}
}

func TestNumberArg(t *testing.T) {
	f := func(s string, preferInt bool, want any) {
		t.Helper()
		got, ok := NumberArg(s, preferInt)
		if ok != (want != nil) || got != want {
			t.Errorf("NumberArg(%q, %v) = %v (%T), %v; want %v (%T)", s, preferInt, got, got, ok, want, want)
		}
	}
	f("42", true, int64(42))
	f("42", false, 42.0)
	f("-1.5", true, -1.5)
	f(".5e1", false, 5.0)
	f("9223372036854775808", true, 9223372036854775808.0)
	f("1e999", false, nil)
	f("0x10", false, nil)
	f("NaN", false, nil)
	f("", false, nil)
}

func TestNumericBounds(t *testing.T) {
	lo, hi, ok := NumericBounds(Range{Lower: "1", Upper: "2.5", HasLower: true, HasUpper: true}, true)
	if !ok || lo != int64(1) || hi != 2.5 {
		t.Errorf("got %v %v %v", lo, hi, ok)
	}
	if lo, hi, ok := NumericBounds(Range{Upper: "x", HasUpper: true}, false); ok || lo != nil || hi != nil {
		t.Errorf("non-number upper: %v %v %v", lo, hi, ok)
	}
	if lo, hi, ok := NumericBounds(Range{Lower: "x"}, false); !ok || lo != nil || hi != nil {
		t.Errorf("unset bounds are ignored: %v %v %v", lo, hi, ok)
	}
}

func TestDateBounds(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	day := func(d int) int64 { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC).UnixNano() }
	f := func(r Range, from, to int64) {
		t.Helper()
		gotFrom, gotTo, err := DateBounds(r, now)
		if err != nil || gotFrom != from || gotTo != to {
			t.Errorf("DateBounds(%+v) = %d, %d, %v; want %d, %d", r, gotFrom, gotTo, err, from, to)
		}
	}
	both := Range{Lower: "2026-11-01", Upper: "2026-11-02", HasLower: true, HasUpper: true}
	incl := both
	incl.IncludeLower, incl.IncludeUpper = true, true
	f(incl, day(1), day(3))
	f(both, day(2), day(2))
	f(Range{Lower: "now/d", HasLower: true, IncludeLower: true}, day(22), 0)
	f(Range{Upper: "now/d", HasUpper: true}, 0, day(22))
	for _, r := range []Range{{Lower: "x", HasLower: true}, {Upper: "now-1q", HasUpper: true}} {
		if _, _, err := DateBounds(r, now); err == nil {
			t.Errorf("DateBounds(%+v): no error", r)
		}
	}
}

func TestDeref(t *testing.T) {
	term := Term{Field: "f", Value: "v", Kind: Phrase}
	for _, tc := range []struct{ in, want Node }{
		{&term, term},
		{term, term},
		{&And{Nodes: []Node{term}}, And{Nodes: []Node{term}}},
		{&Or{}, Or{}},
		{&Not{Node: term}, Not{Node: term}},
		{&Range{Field: "f", Lower: "1", HasLower: true}, Range{Field: "f", Lower: "1", HasLower: true}},
		{&Exists{Field: "f"}, Exists{Field: "f"}},
		{(*MatchAll)(nil), MatchAll{}},
		{nil, nil},
	} {
		if got := Deref(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Deref(%#v) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
}
