package event

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// TestEncodeDocMatchesEncodingJSON checks that the fast encoder writes what
// encoding/json writes, for the fixture and for values that need escaping.
func TestEncodeDocMatchesEncodingJSON(t *testing.T) {
	evs := []Event{decode(t, `{"message":"m","a":{"b":[1,2.5,"x"]},"@timestamp":"2026-11-22T00:00:00Z"}`), {
		"s":      "quote \" backslash \\ tab \t nl \n ctl \x01 html <&> uni é \u2028 bad \xff",
		"n":      json.Number("-1.5e10"),
		"f":      3.0,
		"big":    json.Number("123456789012345678901234567890"),
		"nested": map[string]any{"b": []any{nil, true, false, "x", json.Number("0")}, "a": Event{"z": 1}},
		"":       "empty key",
		"k\"ey":  "quoted key",
	}}
	for _, e := range evs {
		got, err := encodeDoc(e)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
		if want := string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))); got != want {
			t.Errorf("encodeDoc:\n got %s\nwant %s", got, want)
		}
	}
	if _, err := encodeDoc(Event{"nan": math.NaN()}); err == nil {
		t.Error("NaN encoded")
	}
	for _, n := range []string{"1x", "+1", "01", ".5", "1."} {
		if _, err := encodeDoc(Event{"n": json.Number(n)}); err == nil {
			t.Errorf("invalid json.Number %q encoded", n)
		}
	}
}

func encodeDoc(e Event) (string, error) {
	b, err := AppendJSON(nil, e)
	return string(b), err
}
