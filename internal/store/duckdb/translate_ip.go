package duckdb

import (
	"encoding/hex"
	"fmt"
	"net/netip"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// IP columns hold addresses in Go's canonical text (convert), which does
// not sort as addresses do: "10.0.0.10" < "10.0.0.2" and "2001:db8::1" <
// "9.9.9.9". Ranges and the order of aggregation buckets compare a key
// instead: the 16-byte form in hex, IPv4 as IPv4-mapped IPv6, the order of
// an Elasticsearch ip field.

// ipKey is the sort key of an address.
func ipKey(a netip.Addr) string {
	b := a.As16()
	return hex.EncodeToString(b[:])
}

// ipKeySQL computes ipKey in SQL from a canonical address c: dotted IPv4
// (alone or after "::ffff:"), or IPv6 groups with at most one "::"; a zone
// is ignored.
func ipKeySQL(c string) string {
	a := "split_part(" + c + ", '%', 1)"
	v4 := "regexp_extract(" + a + ", '[0-9.]+$')"
	v4hex := "printf('00000000000000000000ffff%02x%02x%02x%02x', split_part(" + v4 + ", '.', 1)::INTEGER, split_part(" +
		v4 + ", '.', 2)::INTEGER, split_part(" + v4 + ", '.', 3)::INTEGER, split_part(" + v4 + ", '.', 4)::INTEGER)"
	groups := func(s string) string {
		return "CASE WHEN " + s + " = '' THEN []::VARCHAR[] ELSE string_split(" + s + ", ':') END"
	}
	head := groups("split_part(" + a + ", '::', 1)")
	tail := groups("CASE WHEN contains(" + a + ", '::') THEN split_part(" + a + ", '::', 2) ELSE '' END")
	hexOf := func(gs string) string {
		return "coalesce(array_to_string(list_transform(" + gs + ", g -> lpad(lower(g), 4, '0')), ''), '')"
	}
	v6hex := hexOf(head) + " || repeat('0000', 8 - len(" + head + ") - len(" + tail + ")) || " + hexOf(tail)
	return "(CASE WHEN " + c + " IS NULL THEN NULL WHEN contains(" + a + ", '.') THEN " + v4hex + " ELSE " + v6hex + " END)"
}

// ipBound parses a range bound on an IP field into its key.
func ipBound(field, s string) (string, error) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return "", fmt.Errorf("%w: range on ip field %q needs address bounds, got %q", store.ErrBadRequest, field, s)
	}
	return ipKey(a.WithZone("")), nil
}

// ipRange bounds an IP column by address.
func (t *translator) ipRange(col column, r query.Range) (string, error) {
	var lo, hi string
	var err error
	if r.HasLower {
		if lo, err = ipBound(col.field, r.Lower); err != nil {
			return "", err
		}
	}
	if r.HasUpper {
		if hi, err = ipBound(col.field, r.Upper); err != nil {
			return "", err
		}
	}
	return t.bounds(ipKeySQL(ident(col.name)), r, lo, hi), nil
}

// ipPrefix matches the addresses of a CIDR block (source.ip:"10.0.0.0/8"),
// as a term on an Elasticsearch ip field does.
func (t *translator) ipPrefix(col column, p netip.Prefix) string {
	p = p.Masked()
	first := p.Addr().As16()
	last := first
	bits := p.Bits()
	if p.Addr().Is4() {
		bits += 96
	}
	for i := bits; i < 128; i++ {
		last[i/8] |= 1 << (7 - i%8)
	}
	key := ipKeySQL(ident(col.name))
	return "(" + key + " >= " + t.param(hex.EncodeToString(first[:])) + " AND " + key + " <= " + t.param(hex.EncodeToString(last[:])) + ")"
}
