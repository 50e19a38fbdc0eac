package yamlsrc

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRefusesHostileInputWithAPosition(t *testing.T) {
	for _, src := range []string{"@2", "a: [1, 2", "a: b: c"} {
		_, err := Parse([]byte(src))
		if err == nil {
			t.Fatalf("%q parsed", src)
		}
		msg, line, _ := SyntaxError(err)
		if msg == "" || line == 0 {
			t.Errorf("%q: message %q at line %d, want both", src, msg, line)
		}
	}
	if f, err := Parse([]byte("a: 1\nb: [x]\n")); err != nil || len(f.Docs) != 1 {
		t.Fatalf("valid file: %v", err)
	}
}

func TestProblemFormatAndClassification(t *testing.T) {
	kind := errors.New("unknown key")
	p := &Problem{File: "r.yaml", Line: 3, Col: 5, Path: "filter[0]", Err: Errorf(kind, "unknown key %q", "trm")}
	if got, want := p.Error(), `r.yaml:3:5: filter[0]: unknown key "trm"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(p, kind) {
		t.Error("errors.Is does not find the sentinel")
	}
	other := &Problem{Err: Errorf(kind, "x")}
	ps := Problems(errors.Join(p, errors.Join(other)))
	if len(ps) != 2 || ps[0] != p || ps[1] != other {
		t.Errorf("Problems = %v", ps)
	}
	if got := (&Problem{Path: "a", Err: errors.New("m")}).Error(); !strings.HasPrefix(got, "a: ") {
		t.Errorf("no file: %q", got)
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"treshold", "threshold", 1}, {"num_evnts", "num_events", 1}, {"abc", "", 3}, {"kitten", "sitting", 3},
		{strings.Repeat("a", 65), "a", 65}} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
