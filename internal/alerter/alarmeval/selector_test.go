package alarmeval

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseSelector(t *testing.T) {
	ok := func(in string, want Selector) {
		t.Helper()
		got, err := ParseSelector(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseSelector(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	ok("logstack_input_errors_total", Selector{Name: "logstack_input_errors_total"})
	ok(` ns:metric_1 `, Selector{Name: "ns:metric_1"})
	ok(`logstack_input_errors_total{input="tcp"}`, Selector{Name: "logstack_input_errors_total",
		Labels: []LabelMatch{{"input", "tcp"}}})
	ok(`m { z = "1" , a="x\"y\\z\n" }`, Selector{Name: "m", Labels: []LabelMatch{{"a", "x\"y\\z\n"}, {"z", "1"}}})
	ok(`m{a=""}`, Selector{Name: "m", Labels: []LabelMatch{{"a", ""}}})

	bad := func(in, msg string) {
		t.Helper()
		_, err := ParseSelector(in)
		if !errors.Is(err, ErrSelector) || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseSelector(%q) error %v, want %q", in, err, msg)
		}
	}
	bad("", "at byte 0: expected a metric name")
	bad("1m", "expected a metric name")
	bad("m{}", "at byte 2: expected a label name")
	bad(`m{a="1",}`, "expected a label name")
	bad(`m{a!="1"}`, "only equality is supported")
	bad(`m{a=~"1"}`, "expected a double-quoted label value")
	bad(`m{a='1'}`, "expected a double-quoted label value")
	bad(`m{a="1"`, "expected ',' or '}'")
	bad(`m{a="1`, "unterminated label value")
	bad(`m{a="1\`, "unterminated label value")
	bad(`m{a="\t"}`, `unknown escape \t`)
	bad(`m{a="1",a="2"}`, `label "a" given twice`)
	bad(`m{a="1"} x`, `unexpected "x"`)
	bad(`m x`, `unexpected "x"`)
	bad("m{a=\"\xff\"}", "not UTF-8")
	bad(strings.Repeat("m", maxSelectorLen+1), "longer than")
}

func TestSelectorString(t *testing.T) {
	s := Selector{Name: "m", Labels: []LabelMatch{{"a", "q\"\\\n"}, {"b", ""}}}
	if got, want := s.String(), `m{a="q\"\\\n",b=""}`; got != want {
		t.Fatalf("String %s want %s", got, want)
	}
}

// FuzzParseSelector: the parser never panics, and what it accepts renders
// to a string that parses back to the same selector.
func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"m", `m{a="1"}`, `m{a="x\"y",b="\\"}`, `m{a="1",}`, `m{`, `{a="1"}`, "m{a=\"\xff\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSelector(in)
		if err != nil {
			if !errors.Is(err, ErrSelector) {
				t.Fatalf("error %v does not wrap ErrSelector", err)
			}
			return
		}
		again, err := ParseSelector(s.String())
		if err != nil || !reflect.DeepEqual(again, s) {
			t.Fatalf("%q -> %q -> %+v, %v; want %+v", in, s.String(), again, err, s)
		}
	})
}
