package rule

import (
	"math"
	"time"
)

// timeUnits are the keys of an ElastAlert2 time mapping: the keyword
// arguments of Python's datetime.timedelta.
var timeUnits = map[string]time.Duration{
	"weeks": 7 * 24 * time.Hour, "days": 24 * time.Hour, "hours": time.Hour,
	"minutes": time.Minute, "seconds": time.Second, "milliseconds": time.Millisecond,
	"microseconds": time.Microsecond,
}

// maxDuration bounds rule durations (about 100 years) so sums cannot
// overflow.
const maxDuration = 100 * 365 * 24 * time.Hour

// duration reads an ElastAlert2 time mapping such as {minutes: 5} or
// {hours: 1, minutes: 30}; units add up, as timedelta's do.
func (l *loader) duration(e *entry) (time.Duration, bool) {
	v := e.value
	if v.kind != kMap || len(v.entries) == 0 {
		l.addAt(e, ErrInvalid, "expected a time such as {minutes: 5} (units weeks, days, hours, minutes, seconds, milliseconds), got %s", v.describe())
		return 0, false
	}
	var total float64
	ok := true
	for _, u := range v.entries {
		unit, known := timeUnits[u.key]
		if !known {
			l.addAt(&u, ErrInvalid, "unknown time unit %q (weeks, days, hours, minutes, seconds, milliseconds)", u.key)
			ok = false
			continue
		}
		if (u.value.kind != kInt && u.value.kind != kFloat) || u.value.num < 0 || math.IsNaN(u.value.num) {
			l.addAt(&u, ErrInvalid, "expected a non-negative number, got %s", u.value.describe())
			ok = false
			continue
		}
		total += u.value.num * float64(unit)
	}
	if ok && total > float64(maxDuration) {
		l.addAt(e, ErrInvalid, "time longer than 100 years")
		return 0, false
	}
	return time.Duration(total), ok
}
