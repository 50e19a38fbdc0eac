package config

import (
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
)

func TestParseDuration(t *testing.T) {
	f := func(in string, want time.Duration) {
		t.Helper()
		got, err := ParseDuration(in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", in, err)
			return
		}
		if got.Std() != want {
			t.Errorf("ParseDuration(%q) = %v, want %v", in, got.Std(), want)
		}
	}
	f("0", 0)
	f("200ms", 200*time.Millisecond)
	f("15m", 15*time.Minute)
	f("1h30m", 90*time.Minute)
	f("14d", 14*24*time.Hour)
	f("2w", 14*24*time.Hour)
	f("1d12h", 36*time.Hour)
	f("1.5d", 36*time.Hour)
	f("1w1d", 8*24*time.Hour)
	f("-1d", -24*time.Hour)
	f("+3s", 3*time.Second)
	f("1.5µs", 1500*time.Nanosecond)
}

func TestParseDurationErrors(t *testing.T) {
	for _, in := range []string{"", "-", "d", "1", "30", "1x", "1dd", "1 d", "1.d.", ".", "106752d", "15251w", "-", "1h-5m", "abc"} {
		if d, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, d)
		}
	}
}

func TestDurationString(t *testing.T) {
	f := func(d time.Duration, want string) {
		t.Helper()
		if got := Duration(d).String(); got != want {
			t.Errorf("Duration(%v).String() = %q, want %q", d, got, want)
		}
		back, err := ParseDuration(want)
		if err != nil || back.Std() != d {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", want, back, err, d)
		}
	}
	f(0, "0s")
	f(200*time.Millisecond, "200ms")
	f(50*time.Millisecond, "50ms")
	f(30*time.Second, "30s")
	f(90*time.Second, "1m30s")
	f(10*time.Minute, "10m")
	f(time.Hour, "1h")
	f(90*time.Minute, "1h30m")
	f(time.Hour+5*time.Second, "1h0m5s")
	f(36*time.Hour, "36h")
	f(14*24*time.Hour, "14d")
	f(-48*time.Hour, "-2d")
}

func TestDurationText(t *testing.T) {
	var d Duration
	if err := d.UnmarshalText([]byte("2w")); err != nil || d.Std() != 14*24*time.Hour {
		t.Fatalf("UnmarshalText(2w) = %v, %v", d, err)
	}
	if b, _ := d.MarshalText(); string(b) != "14d" {
		t.Fatalf("MarshalText = %q", b)
	}
	if err := d.UnmarshalText([]byte("soon")); err == nil {
		t.Fatal("UnmarshalText(soon) succeeded")
	}
}

// FuzzDuration checks that ParseDuration agrees with time.ParseDuration on
// everything without the added units, and that String reads back.
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"0", "200ms", "14d", "2w", "1d12h", "-1.5d", "1h30m", "9223372036854775807ns", "-9223372036854775808ns"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDuration(s)
		if !strings.ContainsAny(s, "dw") {
			want, wantErr := time.ParseDuration(s)
			if (err == nil) != (wantErr == nil) || (err == nil && got.Std() != want) {
				t.Fatalf("ParseDuration(%q) = %v, %v; time.ParseDuration = %v, %v", s, got.Std(), err, want, wantErr)
			}
		}
		if err != nil {
			return
		}
		back, err := ParseDuration(got.String())
		if err != nil || back != got {
			t.Fatalf("ParseDuration(%q) = %v, String %q reads back as %v, %v", s, got.Std(), got.String(), back.Std(), err)
		}
	})
}

// TestUnitsWithGoccy checks that Duration and ByteSize also decode and
// encode through goccy/go-yaml directly, for code outside Load.
func TestUnitsWithGoccy(t *testing.T) {
	var v struct {
		D Duration `yaml:"d"`
		B ByteSize `yaml:"b"`
	}
	if err := yaml.Unmarshal([]byte("d: 2w\nb: 10MiB\n"), &v); err != nil {
		t.Fatal(err)
	}
	if v.D.Std() != 14*24*time.Hour || v.B != 10*MiB {
		t.Fatalf("decoded %+v", v)
	}
	out, err := yaml.Marshal(v)
	if err != nil || string(out) != "d: 14d\nb: 10MiB\n" {
		t.Fatalf("encoded %q, %v", out, err)
	}
}
