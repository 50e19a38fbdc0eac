package rule

import (
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is a cron schedule (aggregation: {schedule: ...}), kept with
// the text it was parsed from so that messages and the parity check show
// what the rule file says.
type Schedule struct {
	spec  string
	sched cron.Schedule
}

// ParseSchedule parses the five standard cron fields or a descriptor such
// as @hourly. The schedule is read in UTC, as ElastAlert2 reads it (croniter
// from the current UTC time), unless it starts with CRON_TZ=Zone.
func ParseSchedule(spec string) (*Schedule, error) {
	full := spec
	if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") {
		full = "CRON_TZ=UTC " + spec
	}
	sched, err := cron.ParseStandard(full)
	if err != nil {
		return nil, err
	}
	return &Schedule{spec: spec, sched: sched}, nil
}

// Next is the first time after t the schedule fires.
func (s *Schedule) Next(t time.Time) time.Time { return s.sched.Next(t) }

// String is the schedule as written in the rule file.
func (s *Schedule) String() string { return s.spec }
