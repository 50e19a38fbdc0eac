package event

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func decode(t *testing.T, s string) Event {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var e Event
	if err := dec.Decode(&e); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestNormalizeTimestamp(t *testing.T) {
	now := time.Date(2026, 11, 22, 1, 2, 3, 456, time.UTC)
	f := func(in, wantTS string, wantOriginal any) {
		t.Helper()
		e := decode(t, in)
		Normalize(e, now)
		if got := e[FieldTimestamp]; got != wantTS {
			t.Fatalf("%s: @timestamp = %v, want %s", in, got, wantTS)
		}
		orig, _ := e.Get(FieldOriginalTimestamp)
		if wantOriginal == nil && orig != nil || wantOriginal != nil && orig != wantOriginal {
			t.Fatalf("%s: original = %#v, want %#v", in, orig, wantOriginal)
		}
	}
	f(`{}`, "2026-11-22T01:02:03.000000456Z", nil)
	f(`{"@timestamp":"2026-01-02T03:04:05.123456789+02:00"}`, "2026-01-02T01:04:05.123456789Z", nil)
	f(`{"@timestamp":"2026-01-02T03:04:05Z"}`, "2026-01-02T03:04:05Z", nil)
	f(`{"@timestamp":"2026-01-02 03:04:05.5"}`, "2026-01-02T03:04:05.5Z", nil)
	f(`{"@timestamp":1767322800000}`, "2026-01-02T03:00:00Z", nil)
	f(`{"@timestamp":"yesterday"}`, "2026-11-22T01:02:03.000000456Z", "yesterday")
	f(`{"@timestamp":true}`, "2026-11-22T01:02:03.000000456Z", true)
}

func TestNormalizeID(t *testing.T) {
	now := time.Now()
	e := decode(t, `{"event":{"id":"abc"}}`)
	Normalize(e, now)
	if e.ID() != "abc" {
		t.Fatalf("sender id replaced: %v", e)
	}
	e = decode(t, `{"event.id": 42}`)
	Normalize(e, now)
	if e.ID() != "42" {
		t.Fatalf("numeric flattened id: %v", e)
	}
	a, b := Event{}, Event{}
	Normalize(a, now)
	Normalize(b, now)
	if len(a.ID()) != 26 || a.ID() == b.ID() {
		t.Fatalf("generated ids %q %q: want distinct 26-character ids", a.ID(), b.ID())
	}
	if later := NewID(now.Add(time.Second)); later <= a.ID() {
		t.Fatalf("ids do not sort by time: %s <= %s", later, a.ID())
	}
}

func TestExpandDotted(t *testing.T) {
	f := func(in, want string) {
		t.Helper()
		e := decode(t, in)
		expandDotted(e)
		got, _ := json.Marshal(e)
		if string(got) != want {
			t.Fatalf("expand %s = %s, want %s", in, got, want)
		}
	}
	f(`{"a.b.c":1,"a.d":2}`, `{"a":{"b":{"c":1},"d":2}}`)
	f(`{"a":{"x":1},"a.y":2}`, `{"a":{"x":1,"y":2}}`)
	f(`{"a":1,"a.b":2}`, `{"a":1,"a.b":2}`)             // collision: nothing dropped
	f(`{"a":{"b":1},"a.b":2}`, `{"a":{"b":1},"a.b":2}`) // same
	f(`{".a":1,"b.":2,"c..d":3}`, `{".a":1,"b.":2,"c..d":3}`)
	f(`{"x":{"y.z":1}}`, `{"x":{"y":{"z":1}}}`)
}

func TestBatchRoundTrip(t *testing.T) {
	in := []Event{decode(t, `{"message":"a","n":12345678901234567890}`), decode(t, `{"message":"b <&>"}`)}
	data, err := EncodeBatch(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "12345678901234567890") || !strings.Contains(string(data), "<&>") {
		t.Fatalf("payload lost precision or escaped HTML: %s", data)
	}
	out, err := DecodeBatch(data)
	if err != nil || len(out) != 2 || out[1]["message"] != "b <&>" {
		t.Fatalf("decode: %v %v", out, err)
	}
	if _, err := DecodeBatch([]byte("{\"a\":1}\n{oops\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("corrupt payload error = %v, want line 2", err)
	}
}

func TestGetSet(t *testing.T) {
	e := Event{}
	e.Set("a.b.c", "x")
	e.Set("a.z", json.Number("1"))
	if e.String("a.b.c") != "x" {
		t.Fatal(e)
	}
	if v, ok := e.Get("a.z"); !ok || v != json.Number("1") {
		t.Fatal(e)
	}
	if _, ok := e.Get("a.b.c.d"); ok {
		t.Fatal("path through a string resolved")
	}
	e["flat.key"] = "y"
	if e.String("flat.key") != "y" {
		t.Fatal("literal dotted key not found")
	}
}

// TestDecodeBatchLinesPairs: every event comes with its own line, and a
// line holding anything but one object is an error.
func TestDecodeBatchLinesPairs(t *testing.T) {
	f := func(payload string, wantLines ...string) {
		t.Helper()
		evs, lines, err := DecodeBatchLines([]byte(payload))
		if len(wantLines) == 0 {
			if err == nil {
				t.Fatalf("%q: decoded %v, want an error", payload, evs)
			}
			return
		}
		if err != nil || len(evs) != len(wantLines) || len(lines) != len(wantLines) {
			t.Fatalf("%q: %d events, %d lines, %v", payload, len(evs), len(lines), err)
		}
		for i, l := range lines {
			if string(l) != wantLines[i] {
				t.Fatalf("%q: line %d = %q, want %q", payload, i, l, wantLines[i])
			}
			var again Event
			if err := json.Unmarshal(l, &again); err != nil || len(again) != len(evs[i]) {
				t.Fatalf("%q: line %d does not encode event %d", payload, i, i)
			}
		}
	}
	f("{\"a\":1}\n{\"b\":2}\n", `{"a":1}`, `{"b":2}`)
	f("{\"a\":1}  \r\n\n  {\"b\":2}", `{"a":1}`, `{"b":2}`)
	f("{\"a\":\n1} {\"x\":2}\n")
	f("{\"a\":1} {\"b\":2}\n")
}
