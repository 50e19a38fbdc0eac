package event

import "testing"

// TestGoccyDecodeTakesEscapes checks that the fast decoder accepts objects
// whose strings hold escapes (an ALB event's event.original is full of
// \"), which it used to refuse, sending them through two more decoders,
// and that it still refuses what follows an object.
func TestGoccyDecodeTakesEscapes(t *testing.T) {
	for _, tc := range []struct {
		raw string
		ok  bool
	}{
		{`{"event":{"original":"GET \"/a\" \"-\" \\ \u00e9"}}`, true},
		{"{\"message\":\"a\\nb\"}  \n", true},
		{`{"a":1} {"b":2}`, false},
		{`{"a":"\"x\""} x`, false},
		{`{"a":1}]`, false},
	} {
		e, ok := goccyDecode([]byte(tc.raw))
		if ok != tc.ok {
			t.Errorf("goccyDecode(%s): ok %v, want %v", tc.raw, ok, tc.ok)
		}
		if ok && len(e) != 1 {
			t.Errorf("goccyDecode(%s) = %v", tc.raw, e)
		}
	}
}
