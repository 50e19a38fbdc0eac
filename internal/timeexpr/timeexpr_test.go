package timeexpr

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 37, 12, 500, time.UTC)
	f := func(in string, want time.Time) {
		t.Helper()
		got, err := Parse(in, now)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if !got.Equal(want) {
			t.Fatalf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
	f("now", now)
	f("now-15m", now.Add(-15*time.Minute))
	f("now-1d/d", time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	f("now/h", time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	f("now+2h-30s", now.Add(2*time.Hour-30*time.Second))
	f("now-1M", now.AddDate(0, -1, 0))
	f("now-500ms", now.Add(-500*time.Millisecond))
	f("now/w", time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
	f("1h", now.Add(-time.Hour))
	f("2d", now.Add(-48*time.Hour))
	f("2026-11-01", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	f("2026-11-01T02:03:04.123456789+02:00", time.Date(2026, 11, 1, 0, 3, 4, 123456789, time.UTC))
	f("1763800000000", time.UnixMilli(1763800000000))

	for _, bad := range []string{"", "yesterday", "now-", "now-5q", "now*2"} {
		if _, err := Parse(bad, now); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", bad)
		}
	}
}

func TestParseDuration(t *testing.T) {
	f := func(in string, want time.Duration) {
		t.Helper()
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Fatalf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	f("14d", 14*24*time.Hour)
	f("2w", 14*24*time.Hour)
	f("1h30m", 90*time.Minute)
	if _, err := ParseDuration("d"); err == nil {
		t.Fatal("ParseDuration(\"d\") succeeded")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"now-1d/d", "2026-11-01", "15m", "now+1y-2M/M", "1763800000000"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = Parse(s, now)
	})
}
