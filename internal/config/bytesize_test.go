package config

import (
	"testing"
)

func TestParseByteSize(t *testing.T) {
	f := func(in string, want ByteSize) {
		t.Helper()
		got, err := ParseByteSize(in)
		if err != nil {
			t.Errorf("ParseByteSize(%q): %v", in, err)
			return
		}
		if got != want {
			t.Errorf("ParseByteSize(%q) = %d, want %d", in, got, want)
		}
	}
	f("0", 0)
	f("1024", 1024)
	f("1B", 1)
	f("512KiB", 512*1024)
	f("10MiB", 10<<20)
	f("10 MiB", 10<<20)
	f("1GB", 1000000000)
	f("1gb", 1000000000)
	f("1GiB", 1<<30)
	f("1.5GiB", 3<<29)
	f("2TiB", 2<<40)
	f("1KB", 1000)
	f("0.5KiB", 512)
	f("8191PiB", 8191<<50)
}

func TestParseByteSizeErrors(t *testing.T) {
	for _, in := range []string{"", "-1", "MiB", "10K", "10 MB ", "1.5B", "0.0001KB", "1..5MB", "1.MB", ".5MB", "8192PiB", "99999999999999999999", "ten", "1e3", "+5", " 5"} {
		if b, err := ParseByteSize(in); err == nil {
			t.Errorf("ParseByteSize(%q) = %d, want an error", in, b)
		}
	}
}

func TestByteSizeString(t *testing.T) {
	f := func(b ByteSize, want string) {
		t.Helper()
		if got := b.String(); got != want {
			t.Errorf("ByteSize(%d).String() = %q, want %q", b, got, want)
		}
	}
	f(0, "0")
	f(1, "1B")
	f(1500, "1500B")
	f(1000, "1KB")
	f(1024, "1KiB")
	f(10*MiB, "10MiB")
	f(GB, "1GB")
	f(GiB, "1GiB")
	f(2000*KiB, "2000KiB")
	f(3*PiB, "3PiB")
}

// FuzzByteSize checks that ParseByteSize never returns a negative size and
// that String reads back to the same size.
func FuzzByteSize(f *testing.F) {
	for _, s := range []string{"0", "1024", "512KiB", "10MiB", "1GB", "1.5GiB", "10 mib", "8191PiB", "1.5B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseByteSize(s)
		if err != nil {
			return
		}
		if b < 0 {
			t.Fatalf("ParseByteSize(%q) = %d, negative", s, b)
		}
		back, err := ParseByteSize(b.String())
		if err != nil || back != b {
			t.Fatalf("ParseByteSize(%q) = %d, String %q reads back as %d, %v", s, b, b.String(), back, err)
		}
	})
}
