package rule

import (
	"slices"
	"testing"
	"time"
)

func TestCardinality(t *testing.T) {
	login := func(m float64, host, user string) Event {
		return Event{Time: at(m), Fields: map[string]any{"host": host, "user": user}}
	}
	maxRule := func(n int, qk ...string) *Rule {
		return &Rule{Type: TypeCardinality, CardinalityField: "user", Timeframe: 10 * time.Minute, MaxCardinality: n, HasMaxCardinality: true, QueryKey: qk}
	}
	minRule := &Rule{Type: TypeCardinality, CardinalityField: "user", Timeframe: 10 * time.Minute, MinCardinality: 2, HasMinCardinality: true}
	cases := []struct {
		name string
		rule *Rule
		runs []run
		want []string
	}{
		{"above max_cardinality fires on every event while above", maxRule(2),
			[]run{{[]Event{login(0, "h", "a"), login(1, "h", "b"), login(2, "h", "c"), login(3, "h", "d")}, 3}},
			[]string{"2:-:3", "3:-:4"}},
		{"a value counts until timeframe after it was last seen", maxRule(2),
			[]run{{[]Event{login(0, "h", "a"), login(1, "h", "b")}, 1}, {[]Event{login(12, "h", "c")}, 12}}, nil},
		{"seeing a value again keeps it counted", maxRule(2),
			[]run{{[]Event{login(0, "h", "a"), login(1, "h", "b"), login(9, "h", "a")}, 9}, {[]Event{login(10.5, "h", "c")}, 11}},
			[]string{"10.5:-:3"}},
		{"per query_key value", maxRule(1, "host"),
			[]run{{[]Event{login(0, "a", "x"), login(1, "b", "x"), login(2, "a", "y")}, 2}}, []string{"2:a:2"}},
		{"below min_cardinality fires once timeframe has passed, then after new events", minRule,
			ticks(0, 30, func(m int) []Event { return []Event{login(float64(m), "h", "a")} }),
			[]string{"11:-:1", "23:-:1"}},
		{"enough distinct values never fire", minRule,
			ticks(0, 30, func(m int) []Event { return []Event{login(float64(m), "h", string(rune('a'+m%2)))} }), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, c.runs); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestLoadCardinality(t *testing.T) {
	r, err := Load("r.yaml", []byte("name: n\ntype: cardinality\ncardinality_field: user\nmax_cardinality: 5\ntimeframe: {hours: 1}\nalert: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.HasMaxCardinality || r.MaxCardinality != 5 || r.HasMinCardinality || r.CardinalityField != "user" {
		t.Fatalf("got %+v", r)
	}
	_, err = Load("r.yaml", []byte("name: n\ntype: cardinality\ncardinality_field: user\ntimeframe: {hours: 1}\nalert: x\n"))
	if ps := Problems(err); len(ps) != 1 || ps[0].Error() != "r.yaml:1:1: max_cardinality: cardinality rules need max_cardinality or min_cardinality" {
		t.Fatalf("got %v", err)
	}
}
