package elb

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/logstack/logstack/internal/event"
)

// checkEvent asserts what must hold for every event Parse returns, whatever
// the input: it encodes as JSON, its timestamps are ones event.Normalize
// reads, no value is the literal "-", and event.original is the line.
func checkEvent(t *testing.T, line []byte, e event.Event) {
	t.Helper()
	if _, err := event.AppendJSON(nil, e); err != nil {
		t.Fatalf("event does not encode: %v", err)
	}
	for _, path := range []string{"@timestamp", "event.start"} {
		if v, ok := e.Get(path); ok {
			if _, ok := event.ParseTimestamp(v); !ok {
				t.Fatalf("%s %q is not a timestamp event.Normalize reads", path, v)
			}
		}
	}
	if got, want := e.String("event.original"), string(bytes.TrimRight(line, " \t\r\n")); got != want {
		t.Fatalf("event.original = %q, want %q", got, want)
	}
	walkLeaves(t, "", map[string]any(e))
}

func walkLeaves(t *testing.T, path string, v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			walkLeaves(t, path+"."+k, c)
		}
	case []any:
		for _, c := range x {
			walkLeaves(t, path, c)
		}
	case string:
		if x == "-" && path != ".event.original" {
			t.Fatalf("%s holds the literal \"-\"", path)
		}
	case json.Number:
		if _, err := json.Marshal(x); err != nil {
			t.Fatalf("%s: %q is not a JSON number", path, x)
		}
	}
}

func fuzzParse(f *testing.F, format Format) {
	f.Fuzz(func(t *testing.T, line []byte) {
		e, err := NewParser(Options{Format: format}).Parse(line)
		if err != nil {
			if e != nil {
				t.Fatalf("error %v with an event", err)
			}
			return
		}
		checkEvent(t, line, e)
	})
}

func FuzzParse(f *testing.F)        { fuzzParse(f, Auto) }
func FuzzParseCLB(f *testing.F)     { fuzzParse(f, CLB) }
func FuzzParseALB(f *testing.F)     { fuzzParse(f, ALB) }
func FuzzParseNLB(f *testing.F)     { fuzzParse(f, NLB) }
func FuzzParseALBConn(f *testing.F) { fuzzParse(f, ALBConn) }

func FuzzParseObjectKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, key string) {
		k, ok := ParseObjectKey(key)
		reason := SkipReason(key)
		if ok && reason != "" && reason != "ELBAccessLogTestFile control object written when access logging is enabled" {
			t.Fatalf("ParseObjectKey accepts %q but SkipReason says %q", key, reason)
		}
		if !ok {
			if k != (ObjectKey{}) {
				t.Fatalf("not ok but fields set: %+v", k)
			}
			return
		}
		if !isAccount(k.Account) || k.Region == "" || k.LoadBalancer == "" || k.FileTime.IsZero() {
			t.Fatalf("ok with incomplete fields: %+v", k)
		}
		e := event.Event{}
		k.Fields(e)
		if e.String("cloud.account.id") != k.Account || e.String("aws.elb.name") != k.LoadBalancer {
			t.Fatalf("Fields: %v from %+v", e, k)
		}
	})
}
