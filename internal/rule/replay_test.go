package rule

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReplayErrors(t *testing.T) {
	r := &Rule{Name: "r", Type: TypeAny}
	evs := []Event{{Time: at(0), Fields: map[string]any{}}}
	cases := []struct {
		name string
		opt  ReplayOptions
	}{
		{"no interval", ReplayOptions{}},
		{"until before from", ReplayOptions{Every: time.Minute, From: at(10), Until: at(5)}},
		{"too many runs", ReplayOptions{Every: time.Second, Until: at(0).Add(400 * 24 * time.Hour)}},
	}
	for _, c := range cases {
		if _, err := Replay(r, evs, c.opt); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", c.name, err)
		}
	}
	if ns, err := Replay(r, nil, ReplayOptions{Every: time.Minute}); err != nil || len(ns) != 0 {
		t.Fatalf("no events: %v %v", ns, err)
	}
}

// TestReplayFlatlineWithoutEvents checks that a replay over a span with
// no event still runs, so that flatline fires.
func TestReplayFlatlineWithoutEvents(t *testing.T) {
	r := &Rule{Name: "quiet", Type: TypeFlatline, Threshold: 1, Timeframe: 5 * time.Minute}
	ns, err := Replay(r, nil, ReplayOptions{Every: time.Minute, From: at(0), Until: at(10)})
	if err != nil || len(ns) == 0 || !ns[0].Time.Equal(at(5)) {
		t.Fatalf("got %+v, %v; want a first notification at minute 5", ns, err)
	}
}

func TestReadEvents(t *testing.T) {
	in := `{"@timestamp": 1714557600000, "n": 1}
{"@timestamp": "2024-05-01T10:00:00+02:00"}
[1]
null
`
	evs, errs := ReadEvents(strings.NewReader(in), "f")
	if len(evs) != 2 || !evs[0].Time.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) || evs[1].Time.Hour() != 8 {
		t.Fatalf("events %+v", evs)
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), "f:3: bad event") || !errors.Is(errs[1], ErrBadEvent) {
		t.Fatalf("errors %v", errs)
	}
}
