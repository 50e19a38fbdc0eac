package rule

import (
	"errors"
	"slices"
	"testing"
)

func TestCompareTypes(t *testing.T) {
	user := func(m float64, v any) Event {
		f := map[string]any{}
		if v != nil {
			f["user"] = map[string]any{"name": v}
		}
		return Event{Time: at(m), Fields: f}
	}
	events := []Event{user(1, "root"), user(2, "alice"), user(3, nil), user(4, 500.0)}
	cases := []struct {
		name string
		rule *Rule
		want []string
	}{
		{"blacklist matches listed values", &Rule{Type: TypeBlacklist, CompareKey: []string{"user.name"}, Blacklist: []string{"root", "500"}},
			[]string{"1:-:1", "4:-:1"}},
		{"whitelist matches unlisted and missing values", &Rule{Type: TypeWhitelist, CompareKey: []string{"user.name"}, Whitelist: []string{"alice"}},
			[]string{"1:-:1", "3:-:1", "4:-:1"}},
		{"whitelist with ignore_null skips missing values", &Rule{Type: TypeWhitelist, CompareKey: []string{"user.name"}, Whitelist: []string{"alice"}, IgnoreNull: true},
			[]string{"1:-:1", "4:-:1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, []run{{events, 5}}); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestLoadCompareRules(t *testing.T) {
	r, err := Load("r.yaml", []byte("name: n\ntype: whitelist\ncompare_key: user.name\nwhitelist: [alice, 500]\nignore_null: true\nalert: [x]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.CompareKey, []string{"user.name"}) || !slices.Equal(r.Whitelist, []string{"alice", "500"}) || !r.IgnoreNull {
		t.Fatalf("got %+v", r)
	}
	_, err = Load("r.yaml", []byte("name: n\ntype: whitelist\ncompare_key: u\nwhitelist: ['!file /etc/users']\nalert: [x]\n"))
	var got []string
	for _, p := range Problems(err) {
		got = append(got, p.Error())
	}
	want := []string{
		`r.yaml:4:13: whitelist: "!file" entries (values read from a file) are not supported yet`,
		`r.yaml:1:1: ignore_null: whitelist rules need ignore_null (true or false)`,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if !errors.Is(Problems(err)[0], ErrUnsupported) {
		t.Fatal("!file not classified as unsupported")
	}
}

func TestCompoundQueryKey(t *testing.T) {
	fields := map[string]any{"service": "api", "host": map[string]any{"name": "web-1"}, "code": 500.0}
	if k, ok := queryKey(fields, []string{"service", "host.name", "code"}); !ok || k != "api, web-1, 500" {
		t.Fatalf("got %q %v", k, ok)
	}
	if k, ok := queryKey(fields, []string{"service", "zone"}); !ok || k != "api, None" {
		t.Fatalf("got %q %v", k, ok)
	}
	if _, ok := queryKey(fields, []string{"zone"}); ok {
		t.Fatal("missing single key reported present")
	}
}
