package alarm

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReadSeries(t *testing.T) {
	in := `{"timestamp": "2026-12-04T10:00:00Z", "value": 1}

{"timestamp": "2026-12-04T10:00:30Z", "value": 2.5}
{"timestamp": 1796378520000, "value": 3}
`
	got, err := ReadSeries("s.ndjson", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[1].Value != 2.5 || !got[0].Time.Equal(base) || got[2].Time.Unix() != 1796378520 {
		t.Fatalf("got %+v", got)
	}
}

func TestReadSeriesReportsFileAndLine(t *testing.T) {
	in := `{"timestamp": "2026-12-04T10:00:00Z", "value": 1}
not json
{"timestamp": "2026-12-04T10:00:00Z"}
{"timestamp": "now-5m", "value": 1}
{"timestamp": "2026-12-04T10:00:00Z", "value": 1, "extra": true}
{"timestamp": "yesterday", "value": 1}
{"timestamp": true, "value": 1}
`
	_, err := ReadSeries("s.ndjson", strings.NewReader(in))
	if err == nil || !errors.Is(err, ErrSeries) {
		t.Fatalf("err = %v", err)
	}
	for _, w := range []string{"s.ndjson:2: invalid datapoint", "s.ndjson:3: invalid datapoint: both", "s.ndjson:4: invalid datapoint: timestamp: \"now-5m\" is relative", "s.ndjson:5: invalid datapoint", "s.ndjson:6: invalid datapoint: timestamp", "s.ndjson:7: invalid datapoint"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in %v", w, err)
		}
	}
	if strings.Contains(err.Error(), "s.ndjson:1:") {
		t.Errorf("good line reported: %v", err)
	}
}

// TestReplay runs the reference alarm shape (Sum of connection errors) over
// a series with several lines per period and a gap.
func TestReplay(t *testing.T) {
	a := testAlarm(2, 2, TreatMissingNotBreaching)
	a.Period = time.Minute
	a.Threshold = 10
	at := func(min, sec int, v float64) Sample {
		return Sample{Time: base.Add(time.Duration(min)*time.Minute + time.Duration(sec)*time.Second), Value: v}
	}
	samples := []Sample{
		at(0, 0, 1),
		at(1, 0, 6), at(1, 30, 6), // sum 12: breaching; maximum (6) would never be
		at(2, 10, 11),
		// minute 3 has no line: missing, treated as not breaching
		at(4, 0, 1),
	}
	got, err := Replay(a, samples, time.Time{}, time.Time{}, StateInsufficientData)
	if err != nil {
		t.Fatal(err)
	}
	// At 10:04 minute 3 is missing but the range (4 periods) still holds
	// 3 real datapoints, at least evaluation_periods, so the newest two real
	// ones (11 and 12) decide and the alarm stays in ALARM: CloudWatch's
	// documented re-evaluation of the last datapoints after a metric stops.
	want := []State{StateOK, StateOK, StateAlarm, StateAlarm, StateOK}
	if len(got) != len(want) {
		t.Fatalf("%d evaluations, want %d: %+v", len(got), len(want), got)
	}
	for i, tr := range got {
		if tr.To != want[i] {
			t.Errorf("evaluation %d at %s: %s, want %s (%s)", i, tr.Time, tr.To, want[i], tr.Reason)
		}
		if wantAt := base.Add(time.Duration(i+1) * time.Minute); !tr.Time.Equal(wantAt) {
			t.Errorf("evaluation %d at %s, want the end of the period %s", i, tr.Time, wantAt)
		}
	}
	if !strings.Contains(got[2].Reason, "[11.0 (04/12/26 10:02:00), 12.0 (04/12/26 10:01:00)]") {
		t.Errorf("sum not used per period: %s", got[2].Reason)
	}
	if len(got[2].Actions) != 1 || got[2].Actions[0] != "page" || len(got[3].Actions) != 0 || len(got[4].Actions) != 1 || got[4].Actions[0] != "chat" {
		t.Errorf("actions: %v, %v, %v", got[2].Actions, got[3].Actions, got[4].Actions)
	}
}

func TestReplayRange(t *testing.T) {
	a := testAlarm(1, 1, TreatMissingMissing)
	a.Period = time.Minute
	samples := []Sample{{Time: base.Add(-time.Minute), Value: 5}}
	got, err := Replay(a, samples, base.Add(30*time.Second), base.Add(3*time.Minute), StateOK)
	if err != nil {
		t.Fatal(err)
	}
	// From is aligned down to 10:00; ends at 10:01, 10:02, 10:03. The sample
	// before --from is inside the first evaluation range (1 + 2 periods).
	if len(got) != 3 || got[0].To != StateAlarm || got[1].To != StateAlarm || got[2].To != StateInsufficientData {
		t.Fatalf("got %+v", got)
	}
	if _, err := Replay(a, nil, time.Time{}, time.Time{}, StateOK); err == nil {
		t.Error("empty series without a range accepted")
	}
	if _, err := Replay(a, nil, base, base.Add(24*365*10*time.Hour), StateOK); err == nil {
		t.Error("ten years of one-minute evaluations accepted")
	}
}

func TestAlign(t *testing.T) {
	if got := align(base.Add(59*time.Second), time.Minute); !got.Equal(base) {
		t.Fatalf("align = %s", got)
	}
	before := time.Unix(-30, 0)
	if got := align(before, time.Minute); got.Unix() != -60 {
		t.Fatalf("align before the epoch = %d", got.Unix())
	}
}
