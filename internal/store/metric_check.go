package store

import (
	"fmt"
	"math"
)

// Validate checks what every backend requires of a metric request: a
// positive interval and percentiles between 0 and 100. Backends call it
// first so that both refuse the same requests with ErrBadRequest; the
// field name is checked by each backend, which knows its own rules.
func (r MetricRequest) Validate() error {
	if r.Interval <= 0 {
		return fmt.Errorf("%w: metric interval must be positive, got %s", ErrBadRequest, r.Interval)
	}
	for _, p := range r.Percentiles {
		if math.IsNaN(p) || p < 0 || p > 100 {
			return fmt.Errorf("%w: percentile %v outside 0..100", ErrBadRequest, p)
		}
	}
	return nil
}
