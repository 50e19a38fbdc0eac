package event

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseAccepts(t *testing.T) {
	f := func(in string, want Event) {
		t.Helper()
		got, err := Parse([]byte(in), Limits{})
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse(%q) = %#v, want %#v", in, got, want)
		}
	}
	f(`{}`, Event{})
	f(" \t\r\n{\"a\":1}\n ", Event{"a": json.Number("1")})
	f(`{"big":123456789012345678901234567890}`, Event{"big": json.Number("123456789012345678901234567890")})
	f(`{"f":1.5e3,"s":"ü","n":null,"b":true}`, Event{"f": json.Number("1.5e3"), "s": "ü", "n": nil, "b": true})
	f(`{"a":{"b":[1,{"c":"d"}]}}`, Event{"a": map[string]any{"b": []any{json.Number("1"), map[string]any{"c": "d"}}}})
	f(`{"esc":"\"{[\\"}`, Event{"esc": `"{[\`})
	f(`{"k":"brackets [[[ in strings {{{ do not count"}`, Event{"k": "brackets [[[ in strings {{{ do not count"})
}

func TestParseRejects(t *testing.T) {
	f := func(in string, lim Limits, wantOffset int, wantMsg string) {
		t.Helper()
		_, err := Parse([]byte(in), lim)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("Parse(%q) error = %v, want *ParseError", in, err)
		}
		if pe.Offset != wantOffset || !strings.Contains(pe.Msg, wantMsg) {
			t.Fatalf("Parse(%q) = %q at %d, want %q at %d", in, pe.Msg, pe.Offset, wantMsg, wantOffset)
		}
	}
	f(``, Limits{}, 0, "empty input")
	f("  \n", Limits{}, 3, "empty input")
	f(`[{"a":1}]`, Limits{}, 0, "expected a JSON object, got array")
	f(` "x"`, Limits{}, 1, "got string")
	f(`42`, Limits{}, 0, "got number")
	f(`-1`, Limits{}, 0, "got number")
	f(`true`, Limits{}, 0, "got boolean")
	f(`null`, Limits{}, 0, "got null")
	f("{\"a\":\"x\xffy\"}", Limits{}, 7, "invalid UTF-8")
	f("{\"a\":\"\xe2\x82\"}", Limits{}, 6, "invalid UTF-8")
	f(`{"a":{"b":{"c":1}}}`, Limits{MaxDepth: 2}, 10, "nesting deeper than 2")
	f(`{"a":[[1]]}`, Limits{MaxDepth: 2}, 6, "nesting deeper than 2")
	f(`{"a":1}x`, Limits{}, 7, "unexpected data after the JSON object")
	f(`{"a":1} {"b":2}`, Limits{}, 8, "unexpected data after the JSON object")
	f(`{"a":1`, Limits{}, 6, "unexpected end of JSON input")
	f(`{"a" 1}`, Limits{}, 5, "invalid character '1' after object key")
	f(`{a:1}`, Limits{}, 1, "invalid character 'a'")
	f(`xyz`, Limits{}, 0, "invalid character 'x'")
	f(`{"a":1,}`, Limits{}, 7, "invalid character '}'")
}

func TestParseDefaultDepth(t *testing.T) {
	deep := func(n int) string {
		return `{"a":` + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + `}`
	}
	if _, err := Parse([]byte(deep(DefaultMaxDepth)), Limits{}); err != nil {
		t.Fatalf("depth %d rejected: %v", DefaultMaxDepth, err)
	}
	_, err := Parse([]byte(deep(DefaultMaxDepth+1)), Limits{})
	if err == nil || !strings.Contains(err.Error(), "nesting deeper than 64 at byte 68") {
		t.Fatalf("depth %d: err = %v", DefaultMaxDepth+1, err)
	}
}

func TestParseErrorString(t *testing.T) {
	err := &ParseError{Offset: 17, Msg: "invalid UTF-8"}
	if got := err.Error(); got != "invalid UTF-8 at byte 17" {
		t.Fatalf("Error() = %q", got)
	}
}

func TestLines(t *testing.T) {
	f := func(in string, want ...string) {
		t.Helper()
		var got []string
		for n, line := range Lines([]byte(in)) {
			got = append(got, strconv.Itoa(n)+":"+string(line))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Lines(%q) = %q, want %q", in, got, want)
		}
	}
	f("")
	f("\n\n \r\n\t\n")
	f("a", "1:a")
	f("a\nb\n", "1:a", "2:b")
	f("a\r\nb\r\n", "1:a", "2:b")
	f("\na\n\n  \nb", "2:a", "5:b")
	f(" a \r\n", "1: a ")
}

func TestLinesStopsEarly(t *testing.T) {
	n := 0
	for range Lines([]byte("a\nb\nc\n")) {
		n++
		break
	}
	if n != 1 {
		t.Fatalf("iterated %d lines after break", n)
	}
}

// FuzzParse checks Parse's contract on arbitrary bytes: it never panics,
// every error is a *ParseError with an offset inside the input, and whatever
// it accepts is valid UTF-8 JSON that encodes back into an object.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"message":"hello","n":1}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		e, err := Parse(raw, Limits{MaxDepth: 8})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if pe.Offset < 0 || pe.Offset > len(raw) {
				t.Fatalf("offset %d outside input of %d bytes", pe.Offset, len(raw))
			}
			return
		}
		if !utf8.Valid(raw) {
			t.Fatalf("accepted invalid UTF-8 %q", raw)
		}
		// The fast decoder must agree with encoding/json on everything
		// it accepts.
		std := json.NewDecoder(bytes.NewReader(raw))
		std.UseNumber()
		var want Event
		if err := std.Decode(&want); err != nil || skipSpace(raw, int(std.InputOffset())) < len(raw) {
			t.Fatalf("Parse accepted %q, encoding/json refuses it: %v", raw, err)
		}
		if !reflect.DeepEqual(e, want) {
			t.Fatalf("Parse(%q) = %#v, encoding/json gives %#v", raw, e, want)
		}
		out, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("accepted event does not encode: %v", err)
		}
		if _, err := Parse(out, Limits{MaxDepth: 8}); err != nil {
			t.Fatalf("re-encoded event %s rejected: %v", out, err)
		}
	})
}
