package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/rule"
)

// baseRule is the frequency rule the parity cases vary.
const baseRule = "type: frequency\nnum_events: 3\ntimeframe: {minutes: 5}\nfilter: [{term: {log.level: error}}]\nalert: [chat]\n"

// loadedRule loads baseRule named name, with each old -> new replacement
// in edits applied, then extra keys appended.
func loadedRule(t *testing.T, file, name, extra string, edits ...string) *rule.Rule {
	t.Helper()
	body := strings.NewReplacer(edits...).Replace(baseRule)
	r, err := rule.Load(file, []byte("name: "+name+"\n"+body+extra))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDiffRules checks the rule half of the parity check: missing rules,
// settings that differ after defaults (filters by structure, an
// aggregation schedule), alert lists left out, exceptions honoured.
func TestDiffRules(t *testing.T) {
	base := func(file string) *rule.Rule { return loadedRule(t, file, "checkout", "") }
	cases := []struct {
		name        string
		left, right []*rule.Rule
		exc         []Exception
		want        []string
	}{
		{"same rules", []*rule.Rule{base("s.yaml")}, []*rule.Rule{base("p.yaml")}, nil, nil},
		{"default written out is no difference", []*rule.Rule{base("s.yaml")}, []*rule.Rule{loadedRule(t, "p.yaml", "checkout", "realert: {minutes: 1}\n")}, nil, nil},
		{"alert lists may differ", []*rule.Rule{base("s.yaml")}, []*rule.Rule{loadedRule(t, "p.yaml", "checkout", "", "[chat]", "[pager, sms]")}, nil, nil},
		{"threshold, window and query_key differ, in field order",
			[]*rule.Rule{loadedRule(t, "s.yaml", "checkout", "query_key: service.name\n")},
			[]*rule.Rule{loadedRule(t, "p.yaml", "checkout", "query_key: host.name\n", "num_events: 3", "num_events: 30", "minutes: 5", "minutes: 10")}, nil,
			[]string{"checkout: timeframe: 5m0s != 10m0s", "checkout: num_events: 3 != 30", "checkout: query_key: [service.name] != [host.name]"}},
		{"filter value differs",
			[]*rule.Rule{base("s.yaml")},
			[]*rule.Rule{loadedRule(t, "p.yaml", "checkout", "", "level: error", "level: warn")}, nil,
			[]string{"checkout: filter: Term{"}},
		{"aggregation schedule differs",
			[]*rule.Rule{loadedRule(t, "s.yaml", "checkout", "aggregation: {schedule: '*/10 * * * *'}\n")},
			[]*rule.Rule{loadedRule(t, "p.yaml", "checkout", "aggregation: {schedule: '*/15 * * * *'}\n")}, nil,
			[]string{"checkout: aggregation_schedule: */10 * * * * != */15 * * * *"}},
		{"missing in production",
			[]*rule.Rule{base("s.yaml"), loadedRule(t, "l.yaml", "login", "")}, []*rule.Rule{base("p.yaml")}, nil,
			[]string{"login: presence: l.yaml != absent in production"}},
		{"excused",
			[]*rule.Rule{base("s.yaml"), loadedRule(t, "l.yaml", "login", "")}, []*rule.Rule{base("p.yaml")},
			[]Exception{{Env: "staging", Name: "login", Reason: "trial"}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Diff(Env{Name: "staging", Rules: c.left}, Env{Name: "production", Rules: c.right}, c.exc)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i, d := range got {
				if !strings.HasPrefix(d.String(), c.want[i]) {
					t.Fatalf("difference %d = %q, want prefix %q", i, d, c.want[i])
				}
			}
		})
	}
}

// TestDiffRulesFilterStructure checks that filters compare by structure:
// the same terms under must (And) and should (Or) differ.
func TestDiffRulesFilterStructure(t *testing.T) {
	and, err := rule.Load("s.yaml", []byte("name: r\ntype: any\nalert: [x]\nfilter: [{bool: {must: [{term: {a: 1}}, {term: {b: 2}}]}}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	or, err := rule.Load("p.yaml", []byte("name: r\ntype: any\nalert: [x]\nfilter: [{bool: {should: [{term: {a: 1}}, {term: {b: 2}}]}}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := Diff(Env{Name: "staging", Rules: []*rule.Rule{and}}, Env{Name: "production", Rules: []*rule.Rule{or}}, nil)
	if len(got) != 1 || got[0].Field != "filter" || got[0].Left == got[0].Right {
		t.Fatalf("got %v, want one filter difference", got)
	}
	if !slices.Equal([]string{snake("NumEvents"), snake("Timeframe")}, []string{"num_events", "timeframe"}) {
		t.Fatalf("snake: %q %q", snake("NumEvents"), snake("Timeframe"))
	}
}
