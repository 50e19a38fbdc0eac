package duckdb

import (
	"context"
	"net/netip"
	"testing"
)

// TestIPKeySQL checks that the SQL key of every canonical address form
// equals the Go key, so that ranges and bucket order compare addresses.
func TestIPKeySQL(t *testing.T) {
	s := openTest(t)
	for _, in := range []string{
		"10.0.0.1", "10.0.0.10", "255.255.255.255", "0.0.0.0", "::", "::1", "2001:db8::1", "2001:DB8::A:1",
		"fe80::1%eth0", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "1::", "1:0:0:2::3", "2001:db8:0:0:1:0:0:1",
	} {
		a := netip.MustParseAddr(in)
		var got string
		if err := s.db.QueryRowContext(context.Background(), "SELECT "+ipKeySQL("$1"), a.String()).Scan(&got); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if want := ipKey(a.WithZone("")); got != want {
			t.Errorf("%s (%s): SQL key %s, want %s", in, a, got, want)
		}
	}
}
