package elb

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"testing"

	"github.com/logstack/logstack/internal/event"
)

// caseLine is one line of testdata/cases.jsonl and testdata/more_cases.jsonl
// (format described in testdata/README.md).
type caseLine struct {
	ID     string                     `json:"id"`
	Format string                     `json:"format"`
	Line   string                     `json:"line"`
	Expect map[string]json.RawMessage `json:"expect"`
	Absent []string                   `json:"absent"`
	Source string                     `json:"source"`
}

func loadCases(t *testing.T, path string) []caseLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []caseLine
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var c caseLine
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCases(t *testing.T) {
	for _, file := range []string{"testdata/cases.jsonl", "testdata/more_cases.jsonl"} {
		for _, c := range loadCases(t, file) {
			t.Run(c.ID, func(t *testing.T) { checkCase(t, c) })
		}
	}
}

func checkCase(t *testing.T, c caseLine) {
	for _, f := range []Format{Auto, Format(c.Format)} {
		if f == "skip" {
			continue
		}
		e, err := NewParser(Options{Format: f}).Parse([]byte(c.Line))
		if c.Format == "skip" {
			if err == nil {
				t.Fatalf("format %s: parsed a line that must be skipped or rejected: %v", f, e)
			}
			if c.ID == "CTRL-1" && !errors.Is(err, ErrSkip) {
				t.Fatalf("control line: error %v does not wrap ErrSkip", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("format %s: %v\nline: %s", f, err, c.Line)
		}
		if _, err := event.AppendJSON(nil, e); err != nil {
			t.Fatalf("event does not encode: %v", err)
		}
		for path, raw := range c.Expect {
			got, ok := e.Get(path)
			if !ok {
				t.Errorf("format %s: %s missing, want %s", f, path, raw)
				continue
			}
			if !sameValue(got, raw) {
				t.Errorf("format %s: %s = %#v, want %s", f, path, got, raw)
			}
		}
		for _, path := range c.Absent {
			if got, ok := e.Get(path); ok {
				t.Errorf("format %s: %s = %#v, want absent", f, path, got)
			}
		}
		if got := e.String("event.original"); got != c.Line {
			t.Errorf("event.original = %q, want the line", got)
		}
	}
}

// sameValue compares a parsed value with the expected JSON: strings exactly,
// numbers by value (timings are written 0.000 in the log and 0.0 in JSON).
func sameValue(got any, want json.RawMessage) bool {
	var w any
	if err := json.Unmarshal(want, &w); err != nil {
		return false
	}
	switch w := w.(type) {
	case string:
		return got == w
	case float64:
		n, ok := got.(json.Number)
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(n), 64)
		return err == nil && f == w
	}
	g, _ := json.Marshal(got)
	wb, _ := json.Marshal(w)
	return string(g) == string(wb)
}
