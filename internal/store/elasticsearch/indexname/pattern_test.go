package indexname

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestFormatAndSpan(t *testing.T) {
	ts := time.Date(2026, 3, 7, 9, 41, 5, 0, time.FixedZone("x", 3600))
	f := func(src, name string, width time.Duration) {
		t.Helper()
		p, err := Parse(src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if got := p.Format(ts); got != name {
			t.Fatalf("Format: got %q, want %q", got, name)
		}
		start, end, err := p.Span(name)
		if err != nil {
			t.Fatalf("Span(%q): %v", name, err)
		}
		if ts.Before(start) || !ts.Before(end) || end.Sub(start) < width {
			t.Fatalf("Span(%q) = [%s, %s), does not hold %s", name, start, end, ts.UTC())
		}
	}
	f("logstack-%Y.%m.%d.%H", "logstack-2026.03.07.08", time.Hour)
	f("logstack-%Y.%m.%d", "logstack-2026.03.07", 24*time.Hour)
	f("logs-%Y-%m", "logs-2026-03", 28*24*time.Hour)
	f("y%Y", "y2026", 365*24*time.Hour)
	f("a%%b-%Y%m%d%H", "a%b-2026030708", time.Hour)
}

func TestParseErrors(t *testing.T) {
	f := func(src, want string) {
		t.Helper()
		_, err := Parse(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("Parse(%q) = %v, want error containing %q", src, err, want)
		}
	}
	f("logstack", "must contain %Y")
	f("logstack-%Y.%d", "%d without %m")
	f("logstack-%Y.%Y", "twice")
	f("logstack-%Y.%x", "unknown directive")
	f("logstack-%Y%", "lone")
	f("Logstack-%Y", "lowercase")
	f("log*-%Y", "may not contain")
	f("_log-%Y", "may not start")
}

func TestSpanRejects(t *testing.T) {
	p, err := Parse("logstack-%Y.%m.%d.%H")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"logstack-2026.02.30.00", "logstack-2026.01.01.24", "other-2026.01.01.00", "logstack-2026.01.01", "logstack-2026.01.01.00-x"} {
		if _, _, err := p.Span(name); !errors.Is(err, ErrNoMatch) {
			t.Errorf("Span(%q) = %v, want ErrNoMatch", name, err)
		}
	}
	if g := p.Glob(); g != "logstack-*.*.*.*" {
		t.Errorf("Glob = %q", g)
	}
}
