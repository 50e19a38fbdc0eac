package alarm

import "testing"

func TestStatistics(t *testing.T) {
	values := []float64{4, 1, 3, 2, 10}
	f := func(name string, want float64) {
		t.Helper()
		st, err := ParseStatistic(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok := st.Compute(values)
		if !ok || got != want {
			t.Errorf("%s of %v = %v (%v), want %v", name, values, got, ok, want)
		}
	}
	f("sum", 20)
	f("Sum", 20)
	f("average", 4)
	f("Average", 4)
	f("minimum", 1)
	f("maximum", 10)
	f("sample_count", 5)
	f("SampleCount", 5)
	// Nearest rank over 1 2 3 4 10: rank ceil(p/100*5).
	f("p0", 1)
	f("p20", 1)
	f("p21", 2)
	f("p50", 3)
	f("p80", 4)
	f("p81", 10)
	f("p99", 10)
	f("p99.9", 10)
	f("p100", 10)
}

func TestPercentileOfManyValues(t *testing.T) {
	values := make([]float64, 1000)
	for i := range values {
		values[len(values)-1-i] = float64(i + 1) // 1000 down to 1
	}
	st, _ := ParseStatistic("p99")
	if got, _ := st.Compute(values); got != 990 {
		t.Fatalf("p99 of 1..1000 = %v, want 990", got)
	}
	if values[0] != 1000 {
		t.Fatal("Compute reordered its input")
	}
	st, _ = ParseStatistic("p7")
	if got, _ := st.Compute(values[900:]); got != 7 {
		t.Fatalf("p7 of 1..100 = %v, want 7 (the 7th value)", got)
	}
}

func TestStatisticOfEmptyPeriodIsMissing(t *testing.T) {
	for _, name := range []string{"sum", "sample_count", "p90"} {
		st, _ := ParseStatistic(name)
		if _, ok := st.Compute(nil); ok {
			t.Errorf("%s of no values produced a datapoint; an empty period is missing", name)
		}
	}
}

func TestBadStatistics(t *testing.T) {
	for _, name := range []string{"", "avg", "count", "p", "p101", "p-1", "p1e2", "P99", "median", "pNaN"} {
		if _, err := ParseStatistic(name); err == nil {
			t.Errorf("ParseStatistic(%q) accepted", name)
		}
	}
}
