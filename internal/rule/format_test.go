package rule

import (
	"errors"
	"testing"
)

func TestPyFormat(t *testing.T) {
	cases := []struct {
		tmpl string
		args []string
		want string
		err  error
	}{
		{"{0} on {1}", []string{"500", "web"}, "500 on web", nil},
		{"{1} {0} {1}", []string{"a", "b"}, "b a b", nil},
		{"{} and {}", []string{"a", "b"}, "a and b", nil},
		{"{{literal}} {0}", []string{"x"}, "{literal} x", nil},
		{"no fields", nil, "no fields", nil},
		{"{2}", []string{"a"}, "", ErrInvalid},
		{"{", nil, "", ErrInvalid},
		{"}", nil, "", ErrInvalid},
		{"{} {0}", []string{"a"}, "", ErrInvalid},
		{"{0} {}", []string{"a"}, "", ErrInvalid},
		{"{0:>5}", []string{"a"}, "", ErrUnsupported},
		{"{name}", []string{"a"}, "", ErrUnsupported},
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
