package rule

import (
	"net/netip"

	"github.com/logstack/logstack/internal/query"
)

// Addresses compare as addresses, as on the store's ip fields (source.ip
// and the ELB client and backend addresses): a term may be a CIDR block
// ("10.0.0.0/8") or an address in any spelling ("::ffff:10.0.0.1"), and a
// range whose bounds are addresses compares in address order.

// ipTerm reports whether the value s, when it is an address, matches the
// term value as an address or CIDR block; ok is false when either side is
// not an address, and the term then compares as text.
func ipTerm(s, value string) (match, ok bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false, false
	}
	a = a.WithZone("").Unmap()
	if p, err := netip.ParsePrefix(value); err == nil {
		return p.Masked().Contains(a), true
	}
	if b, err := netip.ParseAddr(value); err == nil {
		return a == b.WithZone("").Unmap(), true
	}
	return false, false
}

// ipRange compares s with the range's address bounds; ok is false unless
// s and every set bound are addresses.
func ipRange(s string, r query.Range) (match, ok bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false, false
	}
	a = a.WithZone("")
	var cl, cu int
	if r.HasLower {
		lo, err := netip.ParseAddr(r.Lower)
		if err != nil {
			return false, false
		}
		cl = as16(a).Compare(as16(lo.WithZone("")))
	}
	if r.HasUpper {
		hi, err := netip.ParseAddr(r.Upper)
		if err != nil {
			return false, false
		}
		cu = as16(a).Compare(as16(hi.WithZone("")))
	}
	return inBounds(cl, cu, r), true
}

// as16 orders IPv4 among IPv6 as IPv4-mapped addresses, as Elasticsearch
// and the DuckDB store do.
func as16(a netip.Addr) netip.Addr { return netip.AddrFrom16(a.As16()) }
