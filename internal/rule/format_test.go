package rule

import (
	"errors"
	"testing"
)

func TestPyFormat(t *testing.T) {
	cases := []struct {
		tmpl string
		args []any
		want string
		err  error
	}{
		{"{0} on {1}", []any{float64(500), "web"}, "500 on web", nil},
		{"{1} {0} {1}", []any{"a", "b"}, "b a b", nil},
		{"{} and {}", []any{"a", "b"}, "a and b", nil},
		{"{{literal}} {0}", []any{"x"}, "{literal} x", nil},
		{"no fields", nil, "no fields", nil},
		{"{2}", []any{"a"}, "", ErrInvalid},
		{"{", nil, "", ErrInvalid},
		{"}", nil, "", ErrInvalid},
		{"{} {0}", []any{"a"}, "", ErrInvalid},
		{"{0} {}", []any{"a"}, "", ErrInvalid},
		{"{name}", []any{"a"}, "", ErrUnsupported},
		{"{0.x}", []any{"a"}, "", ErrUnsupported},
		// Format specs, each checked against CPython 3's format().
		{"[{0:>5}|{0:<5}|{0:^6}|{0:*^7}]", []any{"ab"}, "[   ab|ab   |  ab  |**ab***]", nil},
		{"{0:.3}|{0:5}|{0:05}", []any{"abcdef"}, "abc|abcdef|abcdef", nil},
		{"{0:04}|{0:s}", []any{"ab"}, "ab00|ab", nil},
		{"{0:.2f} {0:.1%} {0:e}", []any{0.12345}, "0.12 12.3% 1.234500e-01", nil},
		{"{0:,} {0:_d} {0:+d} {0:08,d} {0:x} {0:#X} {0:o} {0:b}", []any{float64(1234567)},
			"1,234,567 1_234_567 +1234567 1,234,567 12d687 0X12D687 4553207 100101101011010000111", nil},
		{"{0:5d}|{0:<5}|{0:=+6}|{0:.2f}", []any{float64(-42)}, "  -42|-42  |-   42|-42.00", nil},
		{"{0:10.3f}|{0:,.1f}|{0}", []any{1234.5678}, "  1234.568|1,234.6|1234.5678", nil},
		{"{0!r} {0!s} {1!r:>6}", []any{"it's", float64(7)}, `"it's" it's      7`, nil},
		{"{0!r} {1!r} {2!r}", []any{"ab", "a'\"b", "x\ny"}, `'ab' 'a\'"b' 'x\ny'`, nil},
		{"{0:#010b}|{0:#o}", []any{float64(5)}, "0b00000101|0o5", nil},
		{"{0:d} {0:>3}", []any{true}, "1   1", nil},
		{"{0:d}", []any{1.5}, "", ErrInvalid},
		{"{0:d}", []any{"5"}, "", ErrInvalid},
		{"{0:+}", []any{"a"}, "", ErrInvalid},
		{"{0:.2d}", []any{float64(5)}, "", ErrInvalid},
		{"{0:>5}", []any{[]any{"a"}}, "", ErrInvalid},
		{"{0!x}", []any{"a"}, "", ErrInvalid},
		{"{0:{1}}", []any{"a", "5"}, "", ErrUnsupported},
	}
	for _, c := range cases {
		got, err := PyFormat(c.tmpl, c.args)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("PyFormat(%q): err %v, want %v", c.tmpl, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("PyFormat(%q) = %q, %v; want %q", c.tmpl, got, err, c.want)
		}
	}
}

func TestSubjectAndText(t *testing.T) {
	m := Match{Key: "web-1", HasKey: true, Event: Event{Fields: map[string]any{
		"host": "web-1", "status": float64(503), "ok": true, "tags": []any{"a", "b"},
		"aws": map[string]any{"elb": map[string]any{"name": "front"}},
	}}}
	cases := []struct {
		name    string
		rule    Rule
		subject string
		text    string
	}{
		{"defaults", Rule{Name: "errors"}, "logstack: web-1 matched errors", ""},
		{"templates without args are not formatted",
			Rule{Name: "r", AlertSubject: "x {0}", AlertText: "y {0}"}, "x {0}", "y {0}"},
		{"args from the event, nested fields, Python str()",
			Rule{Name: "r", AlertSubject: "{0} on {1}", AlertSubjectArgs: []string{"status", "aws.elb.name"},
				AlertText: "{0} {1}", AlertTextArgs: []string{"ok", "tags"}},
			"503 on front", "True ['a', 'b']"},
		{"rule properties and missing values",
			Rule{Name: "r", AlertSubject: "{0}: {1}", AlertSubjectArgs: []string{"name", "nope"}},
			"r: <MISSING VALUE>", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := c.rule.Subject(m)
			if err != nil || s != c.subject {
				t.Fatalf("subject %q, %v; want %q", s, err, c.subject)
			}
			txt, err := c.rule.Text(m)
			if err != nil || txt != c.text {
				t.Fatalf("text %q, %v; want %q", txt, err, c.text)
			}
		})
	}
	if s, _ := (&Rule{Name: "r"}).Subject(Match{}); s != "logstack: r" {
		t.Fatalf("default without key: %q", s)
	}
}
