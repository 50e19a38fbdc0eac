package rule

import (
	"errors"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
)

func TestMatches(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	ev := Event{Time: now.Add(-10 * time.Minute), Fields: map[string]any{
		"message": "GET /api/users failed: Disk FULL on db-1",
		"status":  float64(503), "host": "web-1", "code": "007", "ok": false,
		"tags":     []any{"prod", "eu"},
		"aws.elb":  map[string]any{"name": "front"},
		"requests": []any{map[string]any{"id": float64(1)}, map[string]any{"id": float64(2)}},
		"empty":    []any{}, "null": nil, "lat": 1.5,
		"source": map[string]any{"ip": "10.0.0.10"}, "v6": "2001:db8::1",
	}}
	cases := []struct {
		q    string
		want bool
	}{
		{"", true},
		{"disk", true},           // word, case-insensitive
		{"dis", false},           // whole words only
		{`"disk full"`, true},    // phrase
		{`"full disk"`, false},   // order matters
		{`message:"db 1"`, true}, // punctuation separates words
		{"dis*", true},           // wildcard inside a word
		{`"disk f?ll"`, false},   // no wildcards in a phrase
		{"status:503", true},     // number equality
		{"status:503.0", true},   // numerically
		{"status:50*", true},     // wildcard on the number's text
		{"host:web-1", true},     // exact
		{"host:WEB-1", false},    // keyword is case-sensitive
		{"host:web", false},      // no words on keywords
		{"host:web*", true},      // wildcard
		{`host:web\*`, false},    // escaped star is literal
		{"code:7", true},         // numeric string compares as a number
		{"code:007", true},       // and as text
		{"ok:false", true},       // boolean text
		{"tags:eu", true},        // any array element
		{"aws.elb.name:front", true},
		{"requests.id:2", true}, // through arrays of objects
		{"status:[500 TO 599]", true},
		{"status:{503 TO 600]", false},
		{"status:>=503", true},
		{"lat:<2", true},
		{"host:[web-0 TO web-2]", true}, // string range
		{"host:[x TO z]", false},
		{"_exists_:status", true},
		{"_exists_:null", false},
		{"_exists_:empty", false},
		{"_exists_:missing", false},
		{"NOT missing:x", true}, // a missing field does not match, NOT keeps it
		{"NOT host:web-1", false},
		{"disk AND host:web-2", false},
		{"disk OR host:web-2", true},
		{"@timestamp:[now-15m TO now]", true},
		{"@timestamp:>now-5m", false},
		{"@timestamp:2024-05-01", true},
		{"_exists_:@timestamp", true},
		{`source.ip:"10.0.0.0/8"`, true}, // CIDR block
		{`source.ip:"10.1.0.0/16"`, false},
		{`source.ip:"::ffff:10.0.0.10"`, true},      // any spelling of the address
		{"source.ip:[10.0.0.2 TO 10.0.0.20]", true}, // address order, not text
		{"source.ip:10.0.0.1*", true},
		{`v6:"2001:db8::/32"`, true},
		{`v6:"2001:db8:0:0:0:0:0:1"`, true},
	}
	for _, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			n, err := query.Parse(c.q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Matches(n, ev, now)
			if err != nil || got != c.want {
				t.Fatalf("Matches(%q) = %v, %v; want %v", c.q, got, err, c.want)
			}
		})
	}
}

func TestMatchesErrors(t *testing.T) {
	for _, q := range []string{"@timestamp:[bogus TO now]", "@timestamp:2024*"} {
		n, err := query.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Matches(n, Event{Time: time.Unix(0, 0)}, time.Unix(0, 0)); !errors.Is(err, ErrFilter) {
			t.Fatalf("%q: err %v, want ErrFilter", q, err)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"a*c", "abbbc", true}, {"a*c", "abbbd", false}, {"a?c", "abc", true}, {"a?c", "ac", false},
		{"*", "", true}, {`a\*`, "a*", true}, {`a\*`, "ab", false}, {`a\?`, "a?", true}, {"*b*", "aaba", true},
	}
	for _, c := range cases {
		if got := globMatch(c.p, c.s); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v", c.p, c.s, got)
		}
	}
}
