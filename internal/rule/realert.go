package rule

import "time"

// Realert suppresses repeated alerts for a rule and query_key value, as
// ElastAlert2's realert and exponential_realert do. It is keyed by
// SilenceKey and works in simulated time: now is the time of the run that
// found the match (ElastAlert2 uses its wall clock then).
type Realert struct {
	every, max time.Duration
	silences   map[string]silence
}

// silence is one key's suppression: until when, and the current exponent
// of exponential_realert.
type silence struct {
	until    time.Time
	exponent int
}

// NewRealert builds the realert state of r.
func NewRealert(r *Rule) *Realert {
	return &Realert{every: r.Realert, max: r.ExponentialRealert, silences: map[string]silence{}}
}

// SilenceKey is ElastAlert2's silence cache key: the rule name, followed by
// "." and the query_key value when the match has one.
func SilenceKey(ruleName string, m Match) string {
	if m.HasKey {
		return ruleName + "." + m.Key
	}
	return ruleName
}

// Allow reports whether an alert for key may be sent at now and, if so,
// records when the next one may be: now+realert, or with
// exponential_realert a wait doubling while alerts keep coming (capped at
// exponential_realert) and halving again, step by step, after quiet periods.
func (s *Realert) Allow(key string, now time.Time) bool {
	cur, seen := s.silences[key]
	if seen && now.Before(cur.until) {
		return false
	}
	if s.every <= 0 {
		return true
	}
	until, exp := s.next(cur, seen, now)
	s.silences[key] = silence{until: until, exponent: exp}
	return true
}

// next is ElastAlert2's next_alert_time.
func (s *Realert) next(cur silence, seen bool, now time.Time) (time.Time, int) {
	if !seen || s.max <= 0 {
		return now.Add(s.every), 0
	}
	exp := cur.exponent
	diff := now.Sub(cur.until)
	if diff < s.wait(exp) {
		exp++
	} else {
		for diff > s.wait(exp) && exp > 0 {
			diff -= s.wait(exp)
			exp--
		}
	}
	wait := s.wait(exp)
	if wait >= s.max {
		return now.Add(s.max), exp - 1
	}
	return now.Add(wait), exp
}

// wait is realert * 2^exp, saturating instead of overflowing.
func (s *Realert) wait(exp int) time.Duration {
	w := s.every
	for range exp {
		if w > maxDuration {
			return w
		}
		w *= 2
	}
	return w
}
