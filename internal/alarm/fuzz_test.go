package alarm

import (
	"os"
	"testing"
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
