package rule

import (
	"os"
	"slices"
	"testing"
	"time"
)

// allowed replays Allow calls (key, minute) and lists the minutes allowed.
func allowed(s *Realert, calls []struct {
	key string
	min float64
}) []float64 {
	var out []float64
	for _, c := range calls {
		if s.Allow(c.key, at(c.min)) {
			out = append(out, c.min)
		}
	}
	return out
}

type call = struct {
	key string
	min float64
}

func TestRealert(t *testing.T) {
	cases := []struct {
		name          string
		realert, expo time.Duration
		calls         []call
		want          []float64
	}{
		{"realert suppresses until the wait is over", 10 * time.Minute, 0,
			[]call{{"r", 0}, {"r", 5}, {"r", 9.9}, {"r", 10}, {"r", 15}, {"r", 20}}, []float64{0, 10, 20}},
		{"keyed by rule and query_key value", 10 * time.Minute, 0,
			[]call{{"r.a", 0}, {"r.b", 1}, {"r.a", 2}, {"r.b", 11}}, []float64{0, 1, 11}},
		{"zero realert alerts every match", 0, 0,
			[]call{{"r", 0}, {"r", 0}, {"r", 1}}, []float64{0, 0, 1}},
		// Alerting as soon as allowed: waits double 1,2,4,8,16,32 minutes,
		// then stay at the exponential_realert cap of 60.
		{"exponential realert doubles up to the cap", time.Minute, time.Hour,
			[]call{{"r", 0}, {"r", 0.5}, {"r", 1}, {"r", 2}, {"r", 3}, {"r", 7}, {"r", 15}, {"r", 31}, {"r", 62}, {"r", 63}, {"r", 122}, {"r", 123}, {"r", 183}},
			[]float64{0, 1, 3, 7, 15, 31, 63, 123, 183}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewRealert(&Rule{Realert: c.realert, ExponentialRealert: c.expo})
			if got := allowed(s, c.calls); !slices.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestExponentialRealertDecays checks that quiet periods lower the
// exponent one step per wait that fits in them.
func TestExponentialRealertDecays(t *testing.T) {
	s := NewRealert(&Rule{Realert: time.Minute, ExponentialRealert: time.Hour})
	for _, m := range []float64{0, 1, 3, 7} { // exponent 3, silenced until 15
		s.Allow("r", at(m))
	}
	// 13 minutes after 15: 8 and 4 fit (exponent 1), 1 left < 2.
	if !s.Allow("r", at(28)) {
		t.Fatal("not allowed after the silence")
	}
	if got := s.silences["r"]; got.exponent != 1 || !got.until.Equal(at(30)) {
		t.Fatalf("got %+v, want exponent 1 until minute 30", got)
	}
}

func TestSilenceKey(t *testing.T) {
	if got := SilenceKey("r", Match{Key: "a", HasKey: true}); got != "r.a" {
		t.Fatal(got)
	}
	if got := SilenceKey("r", Match{}); got != "r" {
		t.Fatal(got)
	}
}

// TestEngineFrequencyRule runs a loaded rule file end to end in simulated
// time: one run per minute, realert per host.
func TestEngineFrequencyRule(t *testing.T) {
	src := "name: errs\ntype: frequency\nnum_events: 2\ntimeframe: {minutes: 5}\nquery_key: host\nrealert: {minutes: 10}\nalert: [debug]\n"
	r, err := Load("r.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(r)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for m := 0; m < 20; m++ {
		// host a errors every minute, host b once at minute 3 and 4.
		events := []Event{ev(float64(m), "a")}
		if m == 3 || m == 4 {
			events = append(events, ev(float64(m), "b"))
		}
		got = append(got, show(e.Run(events, at(float64(m))))...)
	}
	// a matches at 1, 3, 5, ... but realert lets through 1 and 11 only.
	want := []string{"1:a:2", "4:b:2", "11:a:2"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestLoadFileMissing(t *testing.T) {
	if _, err := LoadFile("testdata/none.yaml"); !os.IsNotExist(unwrapAll(err)) {
		t.Fatalf("got %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}
