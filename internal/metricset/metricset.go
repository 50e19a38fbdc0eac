package metricset

import "github.com/prometheus/client_golang/prometheus"

// Set is collectors registered together on one registry.
type Set struct {
	reg prometheus.Registerer
	cs  []prometheus.Collector
}

// Register registers cs on reg in order. When one fails it unregisters
// those already registered and returns the registry's error, leaving reg
// as it was. A nil reg registers nothing: the component runs without
// metrics.
func Register(reg prometheus.Registerer, cs ...prometheus.Collector) (*Set, error) {
	if reg == nil {
		return &Set{}, nil
	}
	for i, c := range cs {
		if err := reg.Register(c); err != nil {
			for _, done := range cs[:i] {
				reg.Unregister(done)
			}
			return nil, err
		}
	}
	return &Set{reg: reg, cs: cs}, nil
}

// Unregister removes the set's collectors from the registry. It is safe on
// a nil Set and to call more than once.
func (s *Set) Unregister() {
	if s == nil || s.reg == nil {
		return
	}
	for _, c := range s.cs {
		s.reg.Unregister(c)
	}
}
