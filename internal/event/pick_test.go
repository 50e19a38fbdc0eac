package event

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

var pickPaths = []string{"@timestamp", "event.id", "message", "a.b", "a.b.c", "n", "t"}

// pickAgrees checks Pick against the reference, Parse then Get: when Pick
// answers, the answers must be Get's, and Parse must accept the line.
func pickAgrees(t *testing.T, p *Picker, line []byte) bool {
	t.Helper()
	vals := make([]any, p.Len())
	ok := p.Pick(line, vals)
	e, err := Parse(line, Limits{MaxDepth: 1 << 16})
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("Pick took %q, Parse refused it: %v", line, err)
	}
	for i, path := range pickPaths {
		want, _ := e.Get(path)
		if !reflect.DeepEqual(vals[i], want) {
			t.Fatalf("%q: Pick %s = %#v, Get = %#v", line, path, vals[i], want)
		}
	}
	return true
}

func TestPick(t *testing.T) {
	p := NewPicker(pickPaths)
	tests := []struct {
		line string
		ok   bool
	}{
		{`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"x"},"message":"hi"}`, true},
		{` { "message" : "a\"b\u00e9\/" , "n" : -1.5e+3 , "t" : true } `, true},
		{`{"a":{"b":{"c":1}}}`, false}, // a.b is an object: the full decode explains
		{`{"a":{"b":null},"x":[1,{"y":[]}],"event":"flat"}`, true},
		{`{"a":{"c":2},"\u0061":{"b":3}}`, false}, // duplicate key on a path
		{`{"q":1,"q":2,"message":"m"}`, true},     // duplicates off the paths do not matter
		{`{"event.id":"literal","event":{"id":"nested"}}`, false},
		{`{"a.x":1,"message":"m"}`, true},
		{`{"message":"bad \x"}`, false},
		{`{"message":"ctl ` + "\x01" + `"}`, false},
		{`{"message":"` + "\xff" + `"}`, false},
		{`{"n":01}`, false},
		{`{"n":1.}`, false},
		{`{"n":-}`, false},
		{`{"t":tru}`, false},
		{`{"message":"m"} x`, false},
		{`{"message":"m",}`, false},
		{`[{"message":"m"}]`, false},
		{`{"message":"m"`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := pickAgrees(t, p, []byte(tt.line)); got != tt.ok {
			t.Errorf("Pick(%q) = %v, want %v", tt.line, got, tt.ok)
		}
	}
}

// TestPickGenerated: on normalized events as the broker encodes them, Pick
// answers (unless a picked value is an object or array) and agrees with Get.
func TestPickGenerated(t *testing.T) {
	p := NewPicker(pickPaths)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		e := randomEvent(rng, 0)
		Normalize(e, time.Unix(1700000000, int64(i)))
		line, err := AppendJSON(nil, e)
		if err != nil {
			t.Fatal(err)
		}
		if got := pickAgrees(t, p, line); got == (pickedComposite(e) || literalDotted(e)) {
			t.Fatalf("Pick(%s) = %v", line, got)
		}
	}
}

// pickedComposite reports whether a picked path holds an object or array.
func pickedComposite(e Event) bool {
	for _, path := range pickPaths {
		switch v, _ := e.Get(path); v.(type) {
		case map[string]any, []any:
			return true
		}
	}
	return false
}

// literalDotted reports whether Get finds a picked path through a literal
// dotted key (left by Normalize where expanding it would collide).
func literalDotted(e Event) bool {
	for _, path := range pickPaths {
		m := map[string]any(e)
		for rest := path; ; {
			if _, ok := m[rest]; ok {
				if strings.Contains(rest, ".") {
					return true
				}
				break
			}
			head, tail, found := strings.Cut(rest, ".")
			child, ok := m[head].(map[string]any)
			if !found || !ok {
				break
			}
			m, rest = child, tail
		}
	}
	return false
}

func randomEvent(rng *rand.Rand, depth int) Event {
	keys := []string{"a", "b", "c", "message", "n", "t", "event", "x", "é", "a.b", "q\"k"}
	e := Event{}
	for range rng.IntN(6) {
		e[keys[rng.IntN(len(keys))]] = randomValue(rng, depth+1)
	}
	return e
}

func randomValue(rng *rand.Rand, depth int) any {
	switch k := rng.IntN(9); {
	case k == 0 && depth < 4:
		return map[string]any(randomEvent(rng, depth))
	case k == 1 && depth < 4:
		return []any{randomValue(rng, depth+1), randomValue(rng, depth+1)}
	case k == 2:
		return json.Number(fmt.Sprint(rng.IntN(1000) - 500))
	case k == 3:
		return json.Number("1.25e-3")
	case k == 4:
		return rng.IntN(2) == 0
	case k == 5:
		return nil
	case k == 6:
		return "tab\there \"quoted\" \u2028 \\ <html>"
	}
	return fmt.Sprintf("v%d é", rng.IntN(100))
}

func FuzzPick(f *testing.F) {
	f.Add([]byte(`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"x"},"message":"hi","a":{"b":{"c":1}}}`))
	f.Add([]byte(`{"message":"a\"b\u00e9\/","n":-1.5e+3,"t":true,"x":[1,{"y":[]}]}`))
	f.Add([]byte(`{"event.id":"x","a":{"b":null},"a":2}`))
	p := NewPicker(pickPaths)
	f.Fuzz(func(t *testing.T, line []byte) {
		pickAgrees(t, p, line)
	})
}
