package alarm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/logstack/logstack/internal/timeexpr"
)

// Sample is one observed value of a metric at a time; the samples of one
// period are combined into its datapoint by the alarm's statistic.
type Sample struct {
	Time  time.Time
	Value float64
}

// seriesLine is one line of a series file: {"timestamp": ..., "value": ...}.
type seriesLine struct {
	Timestamp json.RawMessage `json:"timestamp"` // a string, or epoch milliseconds as a number
	Value     *float64        `json:"value"`
}

// maxSeriesLine bounds one line of a series file.
const maxSeriesLine = 1 << 20

// ReadSeries reads NDJSON samples, one {"timestamp": T, "value": V} per
// line; T is any form internal/timeexpr accepts as an absolute time
// (RFC 3339, a date, epoch milliseconds as a string or a number). Blank lines are skipped. Every bad
// line is reported as a *Problem at name:line, all at once.
func ReadSeries(name string, r io.Reader) ([]Sample, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxSeriesLine)
	var out []Sample
	var probs []error
	for line := 1; sc.Scan(); line++ {
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		s, err := parseSample(raw)
		if err != nil {
			probs = append(probs, &Problem{File: name, Line: line, Err: err})
			continue
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read series %s: %w", name, err)
	}
	if len(probs) > 0 {
		return nil, joinProblems(probs)
	}
	return out, nil
}

func parseSample(raw []byte) (Sample, error) {
	var l seriesLine
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return Sample{}, errorf(ErrSeries, "want {\"timestamp\": ..., \"value\": ...}: %v", err)
	}
	if len(l.Timestamp) == 0 || string(l.Timestamp) == "null" || l.Value == nil {
		return Sample{}, errorf(ErrSeries, "both \"timestamp\" and \"value\" are required")
	}
	ts := string(l.Timestamp)
	if l.Timestamp[0] == '"' {
		if err := json.Unmarshal(l.Timestamp, &ts); err != nil {
			return Sample{}, errorf(ErrSeries, "timestamp: %v", err)
		}
	}
	if math.IsNaN(*l.Value) || math.IsInf(*l.Value, 0) {
		return Sample{}, errorf(ErrSeries, "value must be a finite number")
	}
	t, err := absoluteTime(ts)
	if err != nil {
		return Sample{}, errorf(ErrSeries, "timestamp: %v", err)
	}
	return Sample{Time: t, Value: *l.Value}, nil
}

// absoluteTime parses t with timeexpr, refusing relative forms ("now-1h"):
// a recorded series must mean the same thing whenever it is replayed.
func absoluteTime(s string) (time.Time, error) {
	a, errA := timeexpr.Parse(s, time.Unix(0, 0))
	b, errB := timeexpr.Parse(s, time.Unix(1<<30, 0))
	if errA != nil {
		return time.Time{}, errA
	}
	if errB != nil || !a.Equal(b) {
		return time.Time{}, fmt.Errorf("%q is relative to now; use an absolute time", s)
	}
	return a.UTC(), nil
}
