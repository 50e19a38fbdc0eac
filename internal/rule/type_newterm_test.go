package rule

import (
	"slices"
	"testing"
	"time"
)

// evf is an event at minute m with the given fields.
func evf(m float64, kv ...any) Event {
	f := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		f[kv[i].(string)] = kv[i+1]
	}
	return Event{Time: at(m), Fields: f}
}

func TestNewTerm(t *testing.T) {
	nt := func(fields [][]string, mod ...func(*Rule)) *Rule {
		r := &Rule{Type: TypeNewTerm, NewTermFields: fields, TermsWindowSize: DefaultTermsWindowSize}
		for _, m := range mod {
			m(r)
		}
		return r
	}
	user := [][]string{{"user"}}
	cases := []struct {
		name string
		rule *Rule
		seed []Event
		runs []run
		want []string
	}{
		{"a value never seen matches once", nt(user), nil,
			[]run{{[]Event{evf(1, "user", "ann"), evf(2, "user", "ann")}, 2}, {[]Event{evf(3, "user", "ann")}, 3}}, []string{"1:-:1"}},
		{"each new value matches", nt(user), nil,
			[]run{{[]Event{evf(1, "user", "ann"), evf(2, "user", "bob")}, 2}}, []string{"1:-:1", "2:-:1"}},
		{"seeded values are not new", nt(user), []Event{evf(-60, "user", "ann")},
			[]run{{[]Event{evf(1, "user", "ann"), evf(2, "user", "bob")}, 2}}, []string{"2:-:1"}},
		{"fields are watched separately", nt([][]string{{"user"}, {"ip"}}), []Event{evf(-1, "user", "ann", "ip", "1")},
			[]run{{[]Event{evf(1, "user", "bob", "ip", "2"), evf(2, "user", "ann", "ip", "3")}, 2}}, []string{"1:-:1", "1:-:1", "2:-:1"}},
		{"a composite field matches a new combination", nt([][]string{{"user", "ip"}}), []Event{evf(-1, "user", "ann", "ip", "1")},
			[]run{{[]Event{evf(1, "user", "ann", "ip", "1"), evf(2, "user", "ann", "ip", "2"), evf(3, "user", "bob", "ip", "1")}, 3}},
			[]string{"2:-:1", "3:-:1"}},
		{"a missing field is skipped", nt(user), nil,
			[]run{{[]Event{evf(1, "other", "x"), evf(2, "user", ""), evf(3, "user", 0.0)}, 3}}, nil},
		{"alert_on_missing_field matches missing and false values", nt(user, func(r *Rule) { r.AlertOnMissingField = true }), nil,
			[]run{{[]Event{evf(1, "other", "x"), evf(2, "user", ""), evf(3, "user", "ann")}, 3}}, []string{"1:-:1", "2:-:1", "3:-:1"}},
		{"a composite with a missing part is missing", nt([][]string{{"user", "ip"}}), nil,
			[]run{{[]Event{evf(1, "user", "ann")}, 1}}, nil},
		{"array values are terms one by one", nt(user), []Event{evf(-1, "user", []any{"ann", "bob"})},
			[]run{{[]Event{evf(1, "user", "bob"), evf(2, "user", []any{"ann", "cid"}), evf(3, "user", "cid")}, 3}}, []string{"2:-:1"}},
		{"query_key alone is the field and the key", &Rule{Type: TypeNewTerm, QueryKey: []string{"user"}}, nil,
			[]run{{[]Event{evf(1, "user", "ann"), evf(2, "user", "ann")}, 2}}, []string{"1:ann:1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			typ, err := NewType(c.rule)
			if err != nil {
				t.Fatal(err)
			}
			h, ok := typ.(Historian)
			if !ok || h.History() != c.rule.TermsWindowSize {
				t.Fatalf("not a Historian with terms_window_size history: %v", typ)
			}
			h.Seed(c.seed)
			var got []string
			for _, rn := range c.runs {
				got = append(got, show(typ.Add(rn.events))...)
				got = append(got, show(typ.Tick(at(rn.end)))...)
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestNewTermMatchFields checks the fields ElastAlert2 adds to the
// matched document, without changing the event.
func TestNewTermMatchFields(t *testing.T) {
	r := &Rule{Type: TypeNewTerm, NewTermFields: [][]string{{"user"}, {"user", "ip"}, {"host"}}, AlertOnMissingField: true}
	e := evf(1, "user", "ann", "ip", "1")
	ms, _ := NewType(r)
	got := ms.Add([]Event{e})
	if len(got) != 3 || got[0].Event.Fields["new_field"] != "user" ||
		!slices.Equal(got[1].Event.Fields["new_field"].([]any), []any{"user", "ip"}) ||
		got[2].Event.Fields["missing_field"] != "host" || got[2].Event.Fields["user"] != "ann" {
		t.Fatalf("got %+v", got)
	}
	if _, ok := e.Fields["new_field"]; ok {
		t.Fatal("the event was changed")
	}
}

// TestReplaySeedsNewTerm checks that `rules test` learns terms from the
// events before --from that match the filter and lie within
// terms_window_size, and that they send nothing.
func TestReplaySeedsNewTerm(t *testing.T) {
	r, err := Load("r.yaml", []byte("name: nt\ntype: new_term\nfields: [user]\nterms_window_size: {hours: 1}\n"+
		"realert: {minutes: 0}\nfilter: [{term: {level: info}}]\nalert: [ops]\n"))
	if err != nil {
		t.Fatal(err)
	}
	evs := []Event{
		evf(-90, "user", "old", "level", "info"),  // before the window: forgotten
		evf(-30, "user", "ann", "level", "info"),  // learnt
		evf(-20, "user", "bob", "level", "debug"), // filtered out: not learnt
		evf(1, "user", "ann", "level", "info"),    // known
		evf(2, "user", "bob", "level", "info"),    // new
		evf(3, "user", "old", "level", "info"),    // new again
		evf(4, "user", "carol", "level", "debug"), // filtered out
	}
	ns, err := Replay(r, evs, ReplayOptions{From: at(0), Until: at(5), Every: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	var users []any
	for _, n := range ns {
		users = append(users, n.Matches[0].Event.Fields["user"])
	}
	if !slices.Equal(users, []any{"bob", "old"}) {
		t.Fatalf("notified for %v, want [bob old]", users)
	}
}

// TestEngineHistory checks that an Engine passes history to a Historian
// type and reports none for the others.
func TestEngineHistory(t *testing.T) {
	freq, err := NewEngine(&Rule{Name: "f", Type: TypeFrequency, NumEvents: 2, Timeframe: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	freq.Seed([]Event{ev(0, "a")}) // frequency learns no history: ignored
	if freq.History() != 0 || len(freq.Run([]Event{ev(1, "a")}, at(1))) != 0 {
		t.Fatal("frequency took history")
	}
	nt, err := NewEngine(&Rule{Name: "n", Type: TypeNewTerm, NewTermFields: [][]string{{"host"}}, TermsWindowSize: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	nt.Seed([]Event{ev(-10, "a")})
	if got := show(nt.Run([]Event{ev(1, "a"), ev(2, "b")}, at(2))); nt.History() != time.Hour || !slices.Equal(got, []string{"2:-:1"}) {
		t.Fatalf("history %v, matches %q", nt.History(), got)
	}
}
