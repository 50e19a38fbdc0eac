package rule

import (
	"slices"
	"testing"
	"time"
)

// perMinute returns n(m) events at minute m.
func perMinute(n func(m int) int) func(m int) []Event {
	return func(m int) []Event {
		var out []Event
		for range n(m) {
			out = append(out, ev(float64(m), ""))
		}
		return out
	}
}

func TestSpike(t *testing.T) {
	spikeRule := func(typ string, thresholdCur int) *Rule {
		return &Rule{Type: TypeSpike, Timeframe: 10 * time.Minute, SpikeHeight: 2, SpikeType: typ, ThresholdCur: thresholdCur}
	}
	rise := perMinute(func(m int) int {
		if m < 30 {
			return 1
		}
		return 5
	})
	fall := perMinute(func(m int) int {
		if m < 30 {
			return 5
		}
		return 0
	})
	cases := []struct {
		name string
		rule *Rule
		runs []run
		want []string
	}{
		{"steady rate never spikes", spikeRule("both", 0), ticks(0, 40, perMinute(func(int) int { return 1 })), nil},
		// From minute 32 the current window (minutes 23-32) holds 7+5+5+3
		// events against 10 in the reference; ElastAlert2 reports the
		// oldest event of the current window, then waits two timeframes.
		{"up: current reaches spike_height times the reference", spikeRule("up", 0), ticks(0, 40, rise), []string{"23:-:20"}},
		{"threshold_cur holds small spikes back", spikeRule("up", 100), ticks(0, 40, rise), nil},
		{"down is not up", spikeRule("down", 0), ticks(0, 40, rise), nil},
		// At minute 34 the current window holds minutes 25-29 (25 events)
		// against 50 in the reference.
		{"down: current falls to reference/spike_height", spikeRule("down", 0), ticks(0, 40, fall), []string{"25:-:25"}},
		{"nothing fires before two timeframes of data", spikeRule("both", 0),
			ticks(0, 19, perMinute(func(m int) int { return m * m })), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := replay(t, c.rule, c.runs); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
