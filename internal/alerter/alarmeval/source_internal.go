package alarmeval

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	dto "github.com/prometheus/client_model/go"
)

// internalSource samples one of logstack's own metrics at every Evaluate
// call and keeps the samples of the evaluation range in memory. History
// therefore starts when the process starts and is per process: a standby
// alerter has its own, and a restarted one begins with missing datapoints.
//
// A counter contributes, per sample, its increase since the previous sample
// summed over the selected series (a series seen for the first time after
// the first sample counts from 0, a decrease is a reset), so statistic sum
// gives the increase per period. A gauge (or untyped metric) contributes the
// sum of the selected series' values per sample, and the statistic applies
// over the period's samples. A metric that is not exported has no sample.
type internalSource struct {
	alarm *alarm.Alarm
	sel   Selector
	// samples are oldest first.
	samples []sampled
	// prev is each counter series' last value, by label signature; nil
	// until the first sample of a counter.
	prev map[string]float64
	// err is why the latest sample could not be taken, if any.
	err error
}

type sampled struct {
	at    time.Time
	value float64
}

func newInternalSource(a *alarm.Alarm) (*internalSource, error) {
	sel, err := ParseSelector(a.Metric.Internal)
	if err != nil {
		return nil, fmt.Errorf("metric.internal: %w", err)
	}
	return &internalSource{alarm: a, sel: sel}, nil
}

// observe takes one sample at now from the gathered families (by name).
func (s *internalSource) observe(now time.Time, families map[string]*dto.MetricFamily) {
	s.err = nil
	f, ok := families[s.sel.Name]
	if !ok {
		return
	}
	switch f.GetType() {
	case dto.MetricType_COUNTER:
		s.observeCounter(now, f)
	case dto.MetricType_GAUGE, dto.MetricType_UNTYPED:
		s.observeGauge(now, f)
	default:
		s.err = fmt.Errorf("internal metric %s is a %s; alarms read counters and gauges only",
			s.sel.Name, strings.ToLower(f.GetType().String()))
	}
}

func (s *internalSource) observeGauge(now time.Time, f *dto.MetricFamily) {
	var total float64
	found := false
	for _, m := range f.GetMetric() {
		if s.sel.matches(labelMap(m)) {
			total += gaugeValue(m)
			found = true
		}
	}
	if found {
		s.samples = append(s.samples, sampled{at: now, value: total})
	}
}

func (s *internalSource) observeCounter(now time.Time, f *dto.MetricFamily) {
	first := s.prev == nil
	cur := map[string]float64{}
	var inc float64
	for _, m := range f.GetMetric() {
		labels := labelMap(m)
		if !s.sel.matches(labels) {
			continue
		}
		sig, v := signature(m), m.GetCounter().GetValue()
		cur[sig] = v
		if p := s.prev[sig]; v >= p {
			inc += v - p
		} else {
			inc += v // reset: the counter restarted from 0
		}
	}
	s.prev = cur
	if !first {
		s.samples = append(s.samples, sampled{at: now, value: inc})
	}
}

// prune drops the samples before from.
func (s *internalSource) prune(from time.Time) {
	i := 0
	for i < len(s.samples) && s.samples[i].at.Before(from) {
		i++
	}
	s.samples = append(s.samples[:0], s.samples[i:]...)
}

func (s *internalSource) window(_ context.Context, end time.Time) ([]alarm.Point, error) {
	if s.err != nil {
		return nil, s.err
	}
	from, p := rangeStart(s.alarm, end), s.alarm.Period
	byPeriod := map[int64][]float64{}
	for _, x := range s.samples {
		if !x.at.Before(from) && x.at.Before(end) {
			k := align(x.at, p).UnixNano()
			byPeriod[k] = append(byPeriod[k], x.value)
		}
	}
	values := make(map[int64]float64, len(byPeriod))
	for k, vs := range byPeriod {
		if v, ok := s.alarm.Metric.Statistic.Compute(vs); ok {
			values[k] = v
		}
	}
	return points(s.alarm, end, values), nil
}

func labelMap(m *dto.Metric) map[string]string {
	out := make(map[string]string, len(m.GetLabel()))
	for _, l := range m.GetLabel() {
		out[l.GetName()] = l.GetValue()
	}
	return out
}

// signature identifies a series of a family by its label pairs.
func signature(m *dto.Metric) string {
	var b strings.Builder
	for _, l := range m.GetLabel() {
		b.WriteString(l.GetName())
		b.WriteByte(0)
		b.WriteString(l.GetValue())
		b.WriteByte(0)
	}
	return b.String()
}

func gaugeValue(m *dto.Metric) float64 {
	if m.Gauge != nil {
		return m.GetGauge().GetValue()
	}
	return m.GetUntyped().GetValue()
}
