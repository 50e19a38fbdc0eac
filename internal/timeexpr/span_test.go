package timeexpr

import (
	"testing"
	"time"
)

func TestParseSpan(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 34, 56, 789, time.UTC) // a Sunday
	f := func(s string, start, end time.Time) {
		t.Helper()
		got, err := ParseSpan(s, now)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if want := (Span{start.UnixNano(), end.UnixNano()}); got != want {
			t.Errorf("%q: [%s, %s), want [%s, %s)", s, time.Unix(0, got.Start).UTC(), time.Unix(0, got.End).UTC(), start, end)
		}
	}
	d := func(y int, mo time.Month, day, h, m, s, ns int) time.Time {
		return time.Date(y, mo, day, h, m, s, ns, time.UTC)
	}
	f("2026", d(2026, 1, 1, 0, 0, 0, 0), d(2027, 1, 1, 0, 0, 0, 0))
	f("2026-11", d(2026, 11, 1, 0, 0, 0, 0), d(2026, 12, 1, 0, 0, 0, 0))
	f("2026-11-22", d(2026, 11, 22, 0, 0, 0, 0), d(2026, 11, 23, 0, 0, 0, 0))
	f("2026-11-22T10", d(2026, 11, 22, 10, 0, 0, 0), d(2026, 11, 22, 11, 0, 0, 0))
	f("2026-11-22T10:05", d(2026, 11, 22, 10, 5, 0, 0), d(2026, 11, 22, 10, 6, 0, 0))
	f("2026-11-22T10:05:06", d(2026, 11, 22, 10, 5, 6, 0), d(2026, 11, 22, 10, 5, 7, 0))
	f("2026-11-22 10:05:06", d(2026, 11, 22, 10, 5, 6, 0), d(2026, 11, 22, 10, 5, 7, 0))
	f("2026-11-22T10:05:06Z", d(2026, 11, 22, 10, 5, 6, 0), d(2026, 11, 22, 10, 5, 7, 0))
	f("2026-11-22T10:05:06+02:00", d(2026, 11, 22, 8, 5, 6, 0), d(2026, 11, 22, 8, 5, 7, 0))
	f("2026-11-22T10:05:06.5Z", d(2026, 11, 22, 10, 5, 6, 5e8), d(2026, 11, 22, 10, 5, 6, 5e8+1))
	f("1700000000000", time.UnixMilli(1700000000000).UTC(), time.UnixMilli(1700000000001).UTC())
	f("now", now, now.Add(1))
	f("now-15m", now.Add(-15*time.Minute), now.Add(-15*time.Minute+1))
	f("now+1d-2h", now.Add(22*time.Hour), now.Add(22*time.Hour+1))
	f("now-1M", d(2026, 10, 22, 12, 34, 56, 789), d(2026, 10, 22, 12, 34, 56, 790))
	f("now/d", d(2026, 11, 22, 0, 0, 0, 0), d(2026, 11, 23, 0, 0, 0, 0))
	f("now-1h/h", d(2026, 11, 22, 11, 0, 0, 0), d(2026, 11, 22, 12, 0, 0, 0))
	f("now/w", d(2026, 11, 16, 0, 0, 0, 0), d(2026, 11, 23, 0, 0, 0, 0))
	f("now/M", d(2026, 11, 1, 0, 0, 0, 0), d(2026, 12, 1, 0, 0, 0, 0))
	f("now/y", d(2026, 1, 1, 0, 0, 0, 0), d(2027, 1, 1, 0, 0, 0, 0))
	f("2026-11-22||+1d", d(2026, 11, 23, 0, 0, 0, 0), d(2026, 11, 23, 0, 0, 0, 1))
	f("2026-11-22T10:00:00Z||/d", d(2026, 11, 22, 0, 0, 0, 0), d(2026, 11, 23, 0, 0, 0, 0))

	for _, bad := range []string{"", "yesterday", "now-", "now-1x", "now/d+1h", "2026-13-01", "x||+1d", "99999999999999999999", "9999-01-01||+300y"} {
		if _, err := ParseSpan(bad, now); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzParseSpan checks that no input makes the date parser panic and
// that every span it returns is non-empty.
func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"now-15m", "2026-11-22", "2026-11-22T10:05:06.5+02:00", "now/w", "1700000000000", "2026||-1y/M"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := ParseSpan(s, now)
		if err == nil && sp.End <= sp.Start {
			t.Errorf("%q: empty span %+v", s, sp)
		}
	})
}
