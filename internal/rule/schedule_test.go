package rule

import (
	"testing"
	"time"
	_ "time/tzdata" // Asia/Tokyo without the system zone database
)

// TestParseScheduleUTC checks that a schedule is read in UTC whatever the
// machine's zone (set to UTC+5 here), that CRON_TZ picks another zone, and
// that String gives the text as written.
func TestParseScheduleUTC(t *testing.T) {
	local := time.Local
	time.Local = time.FixedZone("UTC+5", 5*3600)
	defer func() { time.Local = local }()
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		spec string
		want time.Time
	}{
		{"0 9 * * *", time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)},
		{"CRON_TZ=Asia/Tokyo 0 9 * * *", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"@hourly", time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC)},
	} {
		s, err := ParseSchedule(c.spec)
		if err != nil {
			t.Fatalf("%s: %v", c.spec, err)
		}
		if got := s.Next(from); !got.Equal(c.want) {
			t.Errorf("%s: next after %s = %s, want %s", c.spec, from, got.UTC(), c.want)
		}
		if s.String() != c.spec {
			t.Errorf("String() = %q, want %q", s, c.spec)
		}
	}
}
