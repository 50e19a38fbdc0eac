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

var lineNow = time.Date(2026, 12, 4, 10, 0, 0, 123456789, time.UTC)

// normalizeAgrees checks NormalizeLine against the reference map path
// (Parse, Normalize, AppendJSON): the same error, or lines that decode to
// the same event, generated ids aside.
func normalizeAgrees(t *testing.T, raw []byte, lim Limits) {
	t.Helper()
	got, id, gotErr := NormalizeLine([]byte("prefix"), raw, lim, lineNow)
	ref, refErr := Parse(raw, lim)
	if (gotErr == nil) != (refErr == nil) || gotErr != nil && gotErr.Error() != refErr.Error() {
		t.Fatalf("%q: NormalizeLine error %v, Parse error %v", raw, gotErr, refErr)
	}
	if refErr != nil {
		return
	}
	if !strings.HasPrefix(string(got), "prefix") {
		t.Fatalf("%q: dst not kept: %q", raw, got)
	}
	refID, _ := ref.Get(FieldID)
	Normalize(ref, lineNow)
	e, err := Parse(got[len("prefix"):], Limits{MaxDepth: 1 << 16})
	if err != nil {
		t.Fatalf("%q: NormalizeLine wrote %q: %v", raw, got, err)
	}
	if e.ID() != id {
		t.Fatalf("%q: returned id %q, line has %q", raw, id, e.ID())
	}
	if s, isString := refID.(string); refID == nil || isString && s == "" {
		if len(id) != 26 {
			t.Fatalf("%q: generated id %q", raw, id)
		}
		e.Set(FieldID, ref.ID()) // both generated: random
	}
	if !reflect.DeepEqual(e, ref) {
		t.Fatalf("%q:\nline %s\nref  %v\ngot  %v", raw, got, ref, e)
	}
}

func TestNormalizeLine(t *testing.T) {
	for i, raw := range []string{
		`{}`,
		` { } `,
		`{"message":"m"}`,
		`{"event":{}}`,
		`{"event":{ }, "a":1}`,
		`{"event":{"id":"x"}}`,
		`{"event":{"id":""},"message":"m"}`,
		`{"event":{"id":null}}`,
		`{"event":{"id":12.50}}`,
		`{"event":{"id":true}}`,
		`{"event":"flat"}`,
		`{"event":{"kind":"k"},"@timestamp":"2026-12-04 10:00:00"}`,
		`{"@timestamp":1764842400123}`,
		`{"@timestamp":"yesterday"}`,
		`{"@timestamp":null}`,
		`{"@timestamp":"2026-12-04T11:00:00.5+01:00","event":{"id":"a\u0062"}}`,
		`{"log.level":"info"}`,
		`{"a":1,"a":2}`,
		`{"a":{"b":[{"c":1},{"c":1}]}}`,
		`{"\u0061":1}`,
		`{"message":"bad \x"}`,
		`{"message":"` + "\xff" + `"}`,
		`{"a":[[[[1]]]]}`,
		`{"n":01}`,
		`[1]`,
		`{"a":1} {"b":2}`,
		`{"a":1`,
		``,
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			normalizeAgrees(t, []byte(raw), Limits{MaxDepth: 4})
		})
	}
}

// TestNormalizeLineGenerated: events as senders write them, encoded
// compactly and with spaces, give what the map path gives.
func TestNormalizeLineGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	spliced := 0
	for range 5000 {
		e := randomEvent(rng, 0)
		switch rng.IntN(4) {
		case 0:
			e["@timestamp"] = []any{"2026-12-04T10:00:00Z", json1764(), "bad", nil}[rng.IntN(4)]
		case 1:
			e["event"] = map[string]any{"id": []any{"x", "", nil, json1764()}[rng.IntN(4)]}
		}
		raw, err := AppendJSON(nil, e)
		if err != nil {
			t.Fatal(err)
		}
		if rng.IntN(2) == 0 {
			raw = []byte(strings.NewReplacer(",", " , ", ":", ": ").Replace(string(raw)))
		}
		normalizeAgrees(t, raw, Limits{})
		if _, _, ok := spliceLine(nil, raw, DefaultMaxDepth, lineNow); ok {
			spliced++
		}
	}
	if spliced < 1000 {
		t.Fatalf("only %d of 5000 events spliced: the fast path is not tested", spliced)
	}
}

func json1764() any { return json.Number("1764842400000") }

func FuzzNormalizeLine(f *testing.F) {
	f.Add([]byte(`{"message":"m","event":{"id":"x"},"@timestamp":"2026-12-04T10:00:00Z"}`))
	f.Add([]byte(`{"event":{},"a":[1,{"b":null}]}`))
	f.Add([]byte(`{"@timestamp":1764842400123,"event":{"id":7}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		normalizeAgrees(t, raw, Limits{MaxDepth: 8})
	})
}
