package rule

import (
	"strings"
	"testing"
)

// TestFormatNumber checks results against what Python prints for the
// same format and value (ElastAlert2's format_string).
func TestFormatNumber(t *testing.T) {
	f := func(format string, v float64, want string) {
		t.Helper()
		got, err := FormatNumber(format, v)
		if err != nil || got != want {
			t.Fatalf("FormatNumber(%q, %v) = %q, %v; want %q", format, v, got, err, want)
		}
	}
	f("{:.2%}", 0.966666667, "96.67%")
	f("%.2f", 0.966666667, "0.97")
	f("{:.2f}", 96.6666667, "96.67")
	f("{}", 2.5, "2.5")
	f("{0}", 96, "96.0")
	f("{} ms", 1e20, "1e+20 ms")
	f("{:,.1f}", 1234567.891, "1,234,567.9")
	f("{:_.0f}", 1234567, "1_234_567")
	f("{:>8.1f}", 3.14159, "     3.1")
	f("{:<6.1f}|", 3.14159, "3.1   |")
	f("{:08.2f}", -3.14159, "-0003.14")
	f("{:+.1f}", 2, "+2.0")
	f("{: .1f}", 2, " 2.0")
	f("{:*^9.1f}", 2.5, "***2.5***")
	f("{:e}", 12345.678, "1.234568e+04")
	f("{:E}", 12345.678, "1.234568E+04")
	f("{:g}", 0.00001234, "1.234e-05")
	f("{:.3}", 3.14159, "3.14")
	f("{0:.1f} and {0:.0f}", 2.5, "2.5 and 2")
	f("{{}}{:.1f}", 2.5, "{}2.5")
	f("%d", 96.9, "96")
	f("%5.1f%%", 9.87, "  9.9%")
	f("%s", 2.5, "2.5")
	f("%s", -2, "-2.0")
	f("%g", 0.123456789, "0.123457")
	f("%e", 12345.678, "1.234568e+04")
	f("%-6.1f|", 1.25, "1.2   |")

	bad := func(format, want string) {
		t.Helper()
		if _, err := FormatNumber(format, 1); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("FormatNumber(%q) error %v, want %q", format, err, want)
		}
	}
	bad("{:d}", "unknown format code 'd'")
	bad("{1}", "only {} or {0}")
	bad("{name}", "only {} or {0}")
	bad("{:.2f", "single '{'")
	bad("{:.2f}}", "single '}'")
	bad("{:.f}", "missing precision")
	bad("{:.2fx}", "invalid format specifier")
	bad("no conversion", "not all arguments converted")
	bad("%.2f %.2f", "not enough arguments")
	bad("%x", "unsupported format character 'x'")
	bad("%", "incomplete format")
	bad("{:99999.1f}", "too wide")
}
