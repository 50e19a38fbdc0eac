package alarm

import (
	"bytes"
	"math"
	"os"
	"testing"
	"time"
)

// FuzzParse checks that no alarm file makes the loader panic or hang, and
// that whatever it accepts is valid. Seeds are in testdata/fuzz/FuzzParse
// and the files of testdata/.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/broker-backend-connection-errors.yaml", "testdata/bad.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		if verr := a.Validate(); verr != nil {
			t.Fatalf("accepted an invalid alarm: %v", verr)
		}
		if a.EvaluationRange() <= a.EvaluationPeriods || a.DatapointsToAlarm > a.EvaluationPeriods {
			t.Fatalf("accepted alarm breaks invariants: %+v", a)
		}
	})
}

// FuzzReadSeries checks that no series file makes the reader panic, and
// that accepted samples are finite and in UTC. Seeds are in testdata/fuzz/FuzzReadSeries.
func FuzzReadSeries(f *testing.F) {
	f.Add([]byte(`{"timestamp": "2026-12-04T10:00:00Z", "value": 1}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		samples, err := ReadSeries("fuzz.ndjson", bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, s := range samples {
			if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) || s.Time.Location() != time.UTC {
				t.Fatalf("accepted sample %+v", s)
			}
		}
	})
}
