package rule

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestChange(t *testing.T) {
	country := func(m float64, user string, c any) Event {
		f := map[string]any{"user": user}
		if c != nil {
			f["country"] = c
		}
		return Event{Time: at(m), Fields: f}
	}
	rule := func(timeframe time.Duration, ignoreNull bool) *Rule {
		return &Rule{Type: TypeChange, QueryKey: []string{"user"}, CompareKey: []string{"country"}, IgnoreNull: ignoreNull, Timeframe: timeframe}
	}
	events := []Event{
		country(0, "bob", "FR"), country(1, "ann", "DE"), country(2, "bob", "FR"),
		country(3, "bob", nil), country(4, "bob", "US"), country(30, "bob", "FR"),
	}
	cases := []struct {
		name string
		rule *Rule
		want []string
	}{
		{"a new value for the same query_key fires; the first value does not", rule(0, true), []string{"4:bob:1", "30:bob:1"}},
		{"without ignore_null a missing value is a value", rule(0, false), []string{"3:bob:1", "4:bob:1", "30:bob:1"}},
		{"with timeframe only changes close to the previous event fire", rule(10*time.Minute, true), []string{"4:bob:1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, []run{{events, 30}}); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestChangeValues: a match carries the compare values before and at the
// change as lists (old_value, new_value), a missing value as null.
func TestChangeValues(t *testing.T) {
	r := &Rule{Type: TypeChange, QueryKey: []string{"user"}, CompareKey: []string{"country", "city"}}
	typ, err := NewType(r)
	if err != nil {
		t.Fatal(err)
	}
	ms := typ.Add([]Event{evf(0, "user", "bob", "country", "FR", "city", "Paris"), evf(1, "user", "bob", "country", "US")})
	if len(ms) != 1 {
		t.Fatalf("matches %v, want one", ms)
	}
	f := ms[0].Event.Fields
	if got, want := fmt.Sprint(f["old_value"], f["new_value"]), "[FR Paris] [US <nil>]"; got != want {
		t.Fatalf("old_value new_value = %s, want %s", got, want)
	}
}

func TestLoadChange(t *testing.T) {
	_, err := Load("r.yaml", []byte("name: n\ntype: change\ncompare_key: country\nalert: x\n"))
	var got []string
	for _, p := range Problems(err) {
		got = append(got, p.Error())
	}
	want := []string{
		"r.yaml:1:1: query_key: change rules need query_key",
		"r.yaml:1:1: ignore_null: change rules need ignore_null (true or false)",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}
