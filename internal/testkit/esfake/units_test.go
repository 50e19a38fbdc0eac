package esfake

import (
	"strings"
	"testing"
	"time"
)

func TestAnalyze(t *testing.T) {
	f := func(in, want string) {
		t.Helper()
		if got := strings.Join(analyze(in), "|"); got != want {
			t.Errorf("analyze(%q) = %q, want %q", in, got, want)
		}
	}
	f("Hello, World!", "hello|world")
	f("GET /index.html HTTP/1.1", "get|index|html|http|1|1")
	f("snake_case and-dash", "snake_case|and|dash")
	f("Ünïcödé ÄÖÜ 東京", "ünïcödé|äöü|東京")
	f("  ", "")
	f("10.0.0.1:443", "10|0|0|1|443")
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true}, {"a*", "abc", true}, {"a*c", "abc", true}, {"a*c", "abd", false},
		{"?b?", "abc", true}, {"?b?", "abcd", false}, {`a\*`, "a*", true}, {`a\*`, "ab", false},
		{"*x*y*", "axbyc", true}, {"*x*y*", "aybxc", false}, {"ü?", "üb", true}, {"", "", true}, {"", "a", false},
	} {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v", tc.pattern, tc.s, got)
		}
	}
	if !simpleMatch("logs-*", "logs-2024.01.01") || simpleMatch("logs-?", "logs-a") || !simpleMatch("logs-?", "logs-?") {
		t.Errorf("simpleMatch treats only * as a wildcard")
	}
}

func TestParseDate(t *testing.T) {
	ms := func(s string) int64 {
		tt, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tt.UnixNano()
	}
	for _, tc := range []struct {
		in     any
		format string
		want   int64
		ok     bool
	}{
		{"2024-01-02T03:04:05Z", "", ms("2024-01-02T03:04:05Z"), true},
		{"2024-01-02T03:04:05.123456789Z", "", ms("2024-01-02T03:04:05.123456789Z"), true},
		{"2024-01-02T03:04:05+02:00", "", ms("2024-01-02T01:04:05Z"), true},
		{"2024-01-02T03:04:05+0200", "", ms("2024-01-02T01:04:05Z"), true},
		{"2024-01-02T03:04", "", ms("2024-01-02T03:04:00Z"), true},
		{"2024-01-02", "", ms("2024-01-02T00:00:00Z"), true},
		{"2024-01", "", ms("2024-01-01T00:00:00Z"), true},
		{"2024-13-01", "", 0, false},
		{"2024-02-30", "", 0, false},
		{"2024-01-02 03:04:05", "", 0, false},
		{"1704067200000", "", ms("2024-01-01T00:00:00Z"), true},
		{"1704067200", "epoch_second", ms("2024-01-01T00:00:00Z"), true},
		{"abc", "", 0, false},
	} {
		got, ok := parseDate(tc.in, tc.format)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseDate(%v, %q) = %d %v, want %d %v", tc.in, tc.format, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := parseISO("2024", true); ok {
		t.Errorf("date detection takes a bare year")
	}
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	if n, ok := dateMath("now-1d/d", now); !ok || n != ms("2024-05-05T00:00:00Z") {
		t.Errorf("now-1d/d = %d %v", n, ok)
	}
	if n, ok := dateMath("now+15m", now); !ok || n != ms("2024-05-06T07:23:09Z") {
		t.Errorf("now+15m = %d %v", n, ok)
	}
	if _, ok := dateMath("now-1x", now); ok {
		t.Errorf("bad unit accepted")
	}
}

func TestIntervalFloor(t *testing.T) {
	sunday := time.Date(2024, 1, 7, 12, 0, 0, 0, time.UTC).UnixNano()
	monday := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	if got := (interval{calendar: "week"}).floor(sunday, 0); got != monday {
		t.Errorf("week floor of a Sunday: %s", formatDate(got))
	}
	neg := time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC).UnixNano()
	if got := (interval{fixed: int64(time.Minute)}).floor(neg, 0); formatDate(got) != "1969-12-31T23:59:00.000Z" {
		t.Errorf("minute floor before the epoch: %s", formatDate(got))
	}
	q := time.Date(2024, 8, 15, 0, 0, 0, 0, time.UTC).UnixNano()
	if got := (interval{calendar: "quarter"}).floor(q, 0); formatDate(got) != "2024-07-01T00:00:00.000Z" {
		t.Errorf("quarter floor: %s", formatDate(got))
	}
}
