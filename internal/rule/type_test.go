package rule

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// at is t0 plus minutes (fractions allowed).
func at(min float64) time.Time { return t0.Add(time.Duration(min * float64(time.Minute))) }

// ev is an event at minute m, with host h when h is not empty.
func ev(m float64, h string) Event {
	f := map[string]any{}
	if h != "" {
		f["host"] = h
	}
	return Event{Time: at(m), Fields: f}
}

// show renders matches as "minute:key:count" for compact tables.
func show(ms []Match) []string {
	var out []string
	for _, m := range ms {
		k := "-"
		if m.HasKey {
			k = m.Key
		}
		out = append(out, fmt.Sprintf("%g:%s:%d", m.Time.Sub(t0).Minutes(), k, m.Count))
	}
	return out
}

// run is one simulated run: its events, then its end.
type run struct {
	events []Event
	end    float64
}

// replay feeds runs to a type and collects every match.
func replay(t *testing.T, r *Rule, runs []run) []string {
	t.Helper()
	typ, err := NewType(r)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, rn := range runs {
		out = append(out, show(typ.Add(rn.events))...)
		out = append(out, show(typ.Tick(at(rn.end)))...)
	}
	return out
}

func TestFrequency(t *testing.T) {
	freq := func(n int, qk ...string) *Rule {
		return &Rule{Type: TypeFrequency, NumEvents: n, Timeframe: 10 * time.Minute, QueryKey: qk}
	}
	cases := []struct {
		name string
		rule *Rule
		runs []run
		want []string
	}{
		{"num_events within timeframe fire on the last one", freq(3),
			[]run{{[]Event{ev(0, ""), ev(1, ""), ev(2, "")}, 2}}, []string{"2:-:3"}},
		{"a window spans strictly less than timeframe", freq(3),
			[]run{{[]Event{ev(0, ""), ev(5, ""), ev(10, "")}, 10}}, nil},
		{"just inside the timeframe", freq(3),
			[]run{{[]Event{ev(0, ""), ev(5, ""), ev(9.99, "")}, 10}}, []string{"9.99:-:3"}},
		{"window resets after a match", freq(3),
			[]run{{[]Event{ev(0, ""), ev(1, ""), ev(2, ""), ev(3, ""), ev(4, ""), ev(5, "")}, 5}}, []string{"2:-:3", "5:-:3"}},
		{"windows slide across runs", freq(3),
			[]run{{[]Event{ev(0, ""), ev(1, "")}, 1}, {[]Event{ev(9, "")}, 9}}, []string{"9:-:3"}},
		{"old events leave the window", freq(3),
			[]run{{[]Event{ev(0, ""), ev(1, "")}, 1}, {[]Event{ev(10.5, ""), ev(11, "")}, 11}}, nil},
		{"one window per query_key value", freq(3, "host"),
			[]run{{[]Event{ev(0, "a"), ev(1, "b"), ev(2, "a"), ev(3, "b"), ev(4, "a")}, 4}}, []string{"4:a:3"}},
		{"events without the query_key share a window", freq(2, "host"),
			[]run{{[]Event{ev(0, ""), ev(1, "")}, 1}}, []string{"1:-:2"}},
		{"back-filled events are sorted into the window", freq(3),
			[]run{{[]Event{ev(5, ""), ev(1, ""), ev(3, "")}, 5}}, []string{"5:-:3"}},
		{"stale windows are forgotten at the end of a run", freq(3),
			[]run{{[]Event{ev(0, ""), ev(1, "")}, 1}, {nil, 12}, {[]Event{ev(5, "")}, 13}}, nil},
		{"without the run end in between they count", freq(3),
			[]run{{[]Event{ev(0, ""), ev(1, "")}, 1}, {[]Event{ev(5, "")}, 13}}, []string{"5:-:3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, c.runs); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

// ticks is one run per minute from..to with the given events per minute.
func ticks(from, to int, events func(m int) []Event) []run {
	var out []run
	for m := from; m <= to; m++ {
		out = append(out, run{events(m), float64(m)})
	}
	return out
}

func none(int) []Event { return nil }

func TestFlatline(t *testing.T) {
	flat := func(threshold int, forget bool, qk ...string) *Rule {
		return &Rule{Type: TypeFlatline, Threshold: threshold, Timeframe: 10 * time.Minute, ForgetKeys: forget, QueryKey: qk}
	}
	cases := []struct {
		name string
		rule *Rule
		runs []run
		want []string
	}{
		{"silence fires once timeframe has passed since the first run, then every run", flat(1, false),
			ticks(0, 12, none), []string{"10:-:0", "11:-:0", "12:-:0"}},
		{"steady events never fire", flat(1, false),
			ticks(0, 30, func(m int) []Event { return []Event{ev(float64(m)-0.5, "")} }), nil},
		{"events that stop fire once the last leaves the window", flat(1, false),
			ticks(0, 16, func(m int) []Event {
				if m <= 5 {
					return []Event{ev(float64(m), "")}
				}
				return nil
			}), []string{"15:-:0", "16:-:0"}},
		// At minute 10 both the end-of-data check (on the run's last key)
		// and the run-end check fire, as in ElastAlert2; realert (default
		// 1m) keeps one alert.
		{"below threshold fires even with events", flat(3, false),
			ticks(0, 11, func(m int) []Event {
				if m%5 == 0 {
					return []Event{ev(float64(m), "")}
				}
				return nil
			}), []string{"10:-:2", "10:-:2", "11:-:2"}},
		{"per query_key; unseen keys never fire", flat(1, false, "host"),
			ticks(0, 12, func(m int) []Event {
				if m == 0 {
					return []Event{ev(0, "a")}
				}
				return nil
			}), []string{"10:a:0", "11:a:0", "12:a:0"}},
		{"forget_keys fires once per key until it is seen again", flat(1, true, "host"),
			ticks(0, 30, func(m int) []Event {
				if m == 0 || m == 15 {
					return []Event{ev(float64(m), "a")}
				}
				return nil
			}), []string{"10:a:0", "25:a:0"}},
		{"forget_keys without query_key starts over from the next run", flat(1, true),
			ticks(0, 22, none), []string{"10:-:0", "21:-:0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, c.runs); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestAny(t *testing.T) {
	got := replay(t, &Rule{Type: TypeAny, QueryKey: []string{"host"}}, []run{{[]Event{ev(1, "a"), ev(2, "")}, 2}})
	if want := []string{"1:a:1", "2:-:1"}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestNewTypeUnsupported(t *testing.T) {
	if _, err := NewType(&Rule{Name: "r", Type: "elastalert_modules.custom.Rule"}); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("a custom Python type: %v", err)
	}
}
