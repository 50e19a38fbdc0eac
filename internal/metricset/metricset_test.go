package metricset

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func counter(name string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: name})
}

func TestRegisterAllOrNone(t *testing.T) {
	reg := prometheus.NewRegistry()
	taken := counter("b_total")
	if err := reg.Register(taken); err != nil {
		t.Fatal(err)
	}
	if _, err := Register(reg, counter("a_total"), counter("b_total")); err == nil {
		t.Fatal("registering a taken name succeeded")
	}
	// a_total was rolled back, so a set holding it registers again.
	s, err := Register(reg, counter("a_total"))
	if err != nil {
		t.Fatalf("a_total after a failed set: %v", err)
	}
	s.Unregister()
	s.Unregister()
	if _, err := Register(reg, counter("a_total")); err != nil {
		t.Fatalf("a_total after Unregister: %v", err)
	}
}

func TestNilRegistry(t *testing.T) {
	s, err := Register(nil, counter("a_total"))
	if err != nil {
		t.Fatal(err)
	}
	s.Unregister()
	var none *Set
	none.Unregister()
}
