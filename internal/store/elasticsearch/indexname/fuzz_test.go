package indexname

import (
	"testing"
	"time"
)

// FuzzPattern checks that every pattern Parse accepts reads back the names
// it formats, and that Span never panics on arbitrary names.
func FuzzPattern(f *testing.F) {
	f.Add("logstack-%Y.%m.%d.%H", "logstack-2026.01.02.03", int64(1700000000))
	f.Add("logs-%Y.%m.%d", "logs-2026.13.01", int64(0))
	f.Add("a%%-%Y%m", "a%-202601", int64(-1))
	f.Fuzz(func(t *testing.T, src, name string, sec int64) {
		p, err := Parse(src)
		if err != nil {
			return
		}
		_, _, _ = p.Span(name)
		ts := time.Unix(sec%(200*365*24*3600), 0).UTC()
		if ts.Year() < 1000 {
			return
		}
		n := p.Format(ts)
		start, end, err := p.Span(n)
		if err != nil {
			t.Fatalf("Span(Format(%s)) with %q: %v", ts, src, err)
		}
		if ts.Before(start) || !ts.Before(end) {
			t.Fatalf("%s not in [%s, %s) for %q", ts, start, end, src)
		}
	})
}
