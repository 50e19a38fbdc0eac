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

// spikeMatches runs minutes from..to (each run's events at its minute)
// and returns every match.
func spikeMatches(t *testing.T, r *Rule, from, to int, events func(m int) []Event) []Match {
	t.Helper()
	typ, err := NewType(r)
	if err != nil {
		t.Fatal(err)
	}
	var out []Match
	for _, rn := range ticks(from, to, events) {
		out = append(out, typ.Add(rn.events)...)
		out = append(out, typ.Tick(at(rn.end))...)
	}
	return out
}

// checkSpike compares matches with "minute:key:count" and each match's
// spike_count and reference_count.
func checkSpike(t *testing.T, got []Match, want []string, cur, ref []any) {
	t.Helper()
	if s := show(got); !slices.Equal(s, want) {
		t.Fatalf("matches %q, want %q", s, want)
	}
	for i, m := range got {
		if m.Event.Fields["spike_count"] != cur[i] || m.Event.Fields["reference_count"] != ref[i] {
			t.Errorf("match %d: spike_count %v reference_count %v, want %v and %v", i,
				m.Event.Fields["spike_count"], m.Event.Fields["reference_count"], cur[i], ref[i])
		}
	}
}

// TestSpikeFieldValue compares the mean of a field: 20 per minute, then
// 50 from minute 30. At minute 36 the current window (27-36) averages
// 41 against 20, reaching spike_height 2; threshold_cur does not apply to
// means, and values that are not numbers are skipped, not read as 0.
func TestSpikeFieldValue(t *testing.T) {
	r := &Rule{Type: TypeSpike, Timeframe: 10 * time.Minute, SpikeHeight: 2, SpikeType: "up",
		ThresholdCur: 1000, FieldValue: "temp"}
	got := spikeMatches(t, r, 0, 40, func(m int) []Event {
		temp := 20
		if m >= 30 {
			temp = 50
		}
		return []Event{evf(float64(m), "temp", float64(temp)), evf(float64(m), "temp", "n/a"), evf(float64(m))}
	})
	checkSpike(t, got, []string{"27:-:10"}, []any{41.0}, []any{20.0})
	if got[0].Event.Fields["temp"] != 20.0 {
		t.Errorf("match event %v, want the oldest event of the current window", got[0].Event.Fields)
	}
}

// TestSpikeCountExtras: a count spike carries ElastAlert2's spike_count
// and reference_count as integers.
func TestSpikeCountExtras(t *testing.T) {
	r := &Rule{Type: TypeSpike, Timeframe: 10 * time.Minute, SpikeHeight: 2, SpikeType: "up"}
	got := spikeMatches(t, r, 0, 40, perMinute(func(m int) int {
		if m < 30 {
			return 1
		}
		return 5
	}))
	checkSpike(t, got, []string{"23:-:20"}, []any{20}, []any{10})
}

// TestSpikeAggregation feeds one metric per run into the spike windows:
// two events a minute of 100 bytes, then of 1000 bytes from minute 30.
func TestSpikeAggregation(t *testing.T) {
	agg := func(typ string, qk ...string) *Rule {
		return &Rule{Type: TypeSpikeAgg, Timeframe: 10 * time.Minute, SpikeHeight: 3, SpikeType: "up",
			MetricAggKey: "bytes", MetricAggType: typ, QueryKey: qk, MinDocCount: 2}
	}
	bytes := func(host string) func(m int) []Event {
		return func(m int) []Event {
			b := 100.0
			if m >= 30 {
				b = 1000
			}
			return []Event{evf(float64(m), "bytes", b, "host", host), evf(float64(m), "bytes", b, "host", host)}
		}
	}
	t.Run("sum: the windows add up the runs' sums", func(t *testing.T) {
		// Minute 32: 7 runs of 200 and 3 of 2000 (7400) against 10 of 200.
		got := spikeMatches(t, agg("sum"), 0, 40, bytes("a"))
		checkSpike(t, got, []string{"23:-:10"}, []any{7400.0}, []any{2000.0})
		if got[0].Event.Fields["metric_bytes_sum"] != 200.0 {
			t.Errorf("match event %v, want the run's metric", got[0].Event.Fields)
		}
	})
	t.Run("avg: the windows average the runs' averages", func(t *testing.T) {
		// Minute 32: (7*100 + 3*1000) / 10 = 370 against 100.
		got := spikeMatches(t, agg("avg"), 0, 40, bytes("a"))
		checkSpike(t, got, []string{"23:-:10"}, []any{370.0}, []any{100.0})
	})
	t.Run("min: the placeholders of run ends are not zeros", func(t *testing.T) {
		// From minute 30 the run minimum drops to 10, a third of 100 at
		// once; read as zeros, the placeholders would make both minimums 0
		// and fire at minute 20.
		r := agg("min")
		r.SpikeType = "down"
		got := spikeMatches(t, r, 0, 40, func(m int) []Event {
			b := 100.0
			if m >= 30 {
				b = 10
			}
			return []Event{evf(float64(m), "bytes", b), evf(float64(m), "bytes", 500.0)}
		})
		checkSpike(t, got, []string{"21:-:10"}, []any{10.0}, []any{100.0})
	})
	t.Run("query_key values below min_doc_count add nothing", func(t *testing.T) {
		got := spikeMatches(t, agg("sum", "host"), 0, 40, func(m int) []Event {
			out := bytes("a")(m)
			if m >= 30 {
				out = append(out, evf(float64(m), "bytes", 1e6, "host", "b"))
			}
			return out
		})
		checkSpike(t, got, []string{"23:a:10"}, []any{7400.0}, []any{2000.0})
	})
}
