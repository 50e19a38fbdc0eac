package rule

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// aggMatch is a match at event minute min with the given host.
func aggMatch(min float64, host string) Match {
	ev := Event{Time: at(min), Fields: map[string]any{}}
	if host != "" {
		ev.Fields["host"] = host
	}
	return Match{Time: ev.Time, Count: 1, Event: ev}
}

// summarize renders notifications as "minute:key:count" for comparison.
func summarize(ns []Notification) []string {
	var out []string
	for _, n := range ns {
		out = append(out, fmt.Sprintf("%v:%s:%d", n.Time.Sub(at(0)).Minutes(), n.AggregationKey, len(n.Matches)))
	}
	return out
}

func TestAggregator(t *testing.T) {
	type step struct {
		run   float64 // run minute
		hosts []string
	}
	cases := []struct {
		name  string
		agg   time.Duration
		key   []string
		steps []step
		want  []string
	}{
		{"no aggregation sends each match", 0, nil,
			[]step{{0, []string{"a", "b"}}, {1, []string{"a"}}}, []string{"0::1", "0::1", "1::1"}},
		{"matches within aggregation form one batch", 5 * time.Minute, nil,
			[]step{{0, []string{"a"}}, {1, []string{"b", "c"}}, {5, nil}, {6, []string{"d"}}, {11, nil}},
			[]string{"5::3", "11::1"}},
		{"aggregation_key batches per value", 5 * time.Minute, []string{"host"},
			[]step{{0, []string{"a"}}, {1, []string{"b", "a"}}, {5, nil}, {6, nil}},
			[]string{"5:a:2", "6:b:1"}},
		{"missing aggregation_key value is its own batch", 2 * time.Minute, []string{"host"},
			[]step{{0, []string{"", "a", ""}}, {2, nil}},
			[]string{"2::2", "2:a:1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := NewAggregator(&Rule{Name: "r", Aggregation: c.agg, AggregationKey: c.key})
			var got []Notification
			for _, s := range c.steps {
				for _, h := range s.hosts {
					got = append(got, a.Add(aggMatch(s.run, h), at(s.run))...)
				}
				got = append(got, a.Due(at(s.run))...)
			}
			if s := summarize(got); !slices.Equal(s, c.want) {
				t.Fatalf("got %v, want %v", s, c.want)
			}
		})
	}
}

// TestAggregatorLateMatchOpensNewBatch checks ElastAlert2's rule: a match
// whose event time is after the open batch's alert time starts a new one.
func TestAggregatorLateMatchOpensNewBatch(t *testing.T) {
	a := NewAggregator(&Rule{Name: "r", Aggregation: 5 * time.Minute})
	a.Add(aggMatch(0, ""), at(0))
	a.Add(aggMatch(6, ""), at(1)) // event time after the alert time (5)
	a.Add(aggMatch(2, ""), at(1))
	got := summarize(a.Flush(func(t time.Time) time.Time { return t }))
	if want := []string{"5::1", "6::2"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if rest := a.Flush(func(t time.Time) time.Time { return t }); len(rest) != 0 {
		t.Fatalf("flushed twice: %v", rest)
	}
}

// TestAggregatorSchedule checks aggregation: {schedule: cron}: a batch is
// due at the schedule's next time after the run that opened it (in UTC),
// so matches of runs 3 and 7 go out together at minute 10; a match of run
// 10 whose event is at minute 10 still joins that batch (its event is not
// after the alert time), and one of run 12 waits for minute 20.
func TestAggregatorSchedule(t *testing.T) {
	r, err := Load("r.yaml", []byte("name: r\ntype: any\nalert: x\naggregation: {schedule: '*/10 * * * *'}\naggregation_key: host\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Aggregates() || r.Aggregation != 0 {
		t.Fatalf("schedule not loaded: aggregates %v, aggregation %s", r.Aggregates(), r.Aggregation)
	}
	a := NewAggregator(r)
	var got []Notification
	for _, s := range []struct {
		run   float64
		hosts []string
	}{{3, []string{"a"}}, {7, []string{"a", "b"}}, {9, nil}, {10, []string{"a"}}, {12, []string{"a"}}, {19, nil}, {20, nil}} {
		for _, h := range s.hosts {
			got = append(got, a.Add(aggMatch(s.run, h), at(s.run))...)
		}
		got = append(got, a.Due(at(s.run))...)
	}
	if s, want := summarize(got), []string{"10:a:3", "10:b:1", "20:a:1"}; !slices.Equal(s, want) {
		t.Fatalf("got %v, want %v", s, want)
	}
}

// TestAggregateByMatchTime dates batches from the first match's event
// time: a run at minute 30 that reads events of minutes 0 to 12 (a
// backfill, or a long buffer_time) makes the batches of minutes 0-4, 6-11
// and 12, each due five minutes after its first event, so all are sent
// at once. Without the option they form one batch due at 35.
func TestAggregateByMatchTime(t *testing.T) {
	for _, c := range []struct {
		byMatch bool
		want    []string
	}{{true, []string{"30::3", "30::2", "30::1"}}, {false, []string{"35::6"}}} {
		a := NewAggregator(&Rule{Name: "r", Aggregation: 5 * time.Minute, AggregateByMatchTime: c.byMatch})
		var got []Notification
		for _, m := range []float64{0, 2, 4, 6, 11, 12} {
			got = append(got, a.Add(aggMatch(m, ""), at(30))...)
		}
		got = append(got, a.Due(at(30))...)
		got = append(got, a.Flush(func(t time.Time) time.Time { return t })...)
		if s := summarize(got); !slices.Equal(s, c.want) {
			t.Errorf("aggregate_by_match_time %v: got %v, want %v", c.byMatch, s, c.want)
		}
	}
}
