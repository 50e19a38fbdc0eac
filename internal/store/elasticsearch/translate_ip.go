package elasticsearch

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// The IPv4 addresses as Elasticsearch orders ip fields: IPv4-mapped IPv6,
// ::ffff:0.0.0.0 to ::ffff:255.255.255.255.
var (
	v4First = netip.AddrFrom16([16]byte{10: 0xff, 11: 0xff})
	v4Last  = netip.AddrFrom16([16]byte{10: 0xff, 11: 0xff, 12: 0xff, 13: 0xff, 14: 0xff, 15: 0xff})
	v6Last  = netip.AddrFrom16([16]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
)

// ipRange bounds an ip field by addresses, in the order Elasticsearch and
// the DuckDB store use (IPv4 as IPv4-mapped IPv6). The interval is sent as
// up to three inclusive ranges, below, within and above the IPv4 block,
// each with bounds of one family, so that a server ordering IPv4 and IPv6
// apart (the protocol fake) agrees; on a real cluster they are the same
// interval.
func ipRange(field string, r query.Range) (dsl, error) {
	lo, hi, err := ipBounds(field, r)
	if err != nil {
		return nil, err
	}
	first, last := netip.IPv6Unspecified(), v6Last
	if r.HasLower {
		first = netip.AddrFrom16(netip.MustParseAddr(lo.(string)).As16())
		if !r.IncludeLower {
			if first == v6Last {
				return matchNone, nil
			}
			first = first.Next()
		}
	}
	if r.HasUpper {
		last = netip.AddrFrom16(netip.MustParseAddr(hi.(string)).As16())
		if !r.IncludeUpper {
			if last == netip.IPv6Unspecified() {
				return matchNone, nil
			}
			last = last.Prev()
		}
	}
	var parts []any
	add := func(a, b netip.Addr) {
		if a.Compare(b) <= 0 {
			parts = append(parts, dsl{"range": dsl{field: dsl{"gte": a.Unmap().String(), "lte": b.Unmap().String()}}})
		}
	}
	add(first, minAddr(last, v4First.Prev()))
	add(maxAddr(first, v4First), minAddr(last, v4Last))
	add(maxAddr(first, v4Last.Next()), last)
	switch len(parts) {
	case 0:
		return matchNone, nil
	case 1:
		return parts[0].(dsl), nil
	}
	return dsl{"bool": dsl{"should": parts, "minimum_should_match": 1}}, nil
}

func minAddr(a, b netip.Addr) netip.Addr {
	if a.Compare(b) < 0 {
		return a
	}
	return b
}

func maxAddr(a, b netip.Addr) netip.Addr {
	if a.Compare(b) > 0 {
		return a
	}
	return b
}

// ipTerm compares an ip field with an address, or with a CIDR block
// (source.ip:"10.0.0.0/8"), which the term query matches natively; any
// other value matches nothing.
func ipTerm(field string, n query.Term) (dsl, error) {
	if n.Kind == query.Wildcard {
		if strings.Trim(n.Value, "*") == "" {
			return dsl{"exists": dsl{"field": field}}, nil
		}
		return nil, fmt.Errorf("%w: wildcard on ip field %q (use a range)", store.ErrBadRequest, field)
	}
	if a, err := netip.ParseAddr(n.Value); err == nil {
		return dsl{"term": dsl{field: dsl{"value": a.WithZone("").String()}}}, nil
	}
	if p, err := netip.ParsePrefix(n.Value); err == nil {
		return dsl{"term": dsl{field: dsl{"value": p.Masked().String()}}}, nil
	}
	return matchNone, nil
}

// ipBounds parses the set bounds of a range on an ip field as addresses,
// which the cluster orders as IPv6 (IPv4 as IPv4-mapped), as DuckDB does.
func ipBounds(field string, r query.Range) (lo, hi any, err error) {
	parse := func(s string) (any, error) {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("%w: range on ip field %q needs address bounds, got %q", store.ErrBadRequest, field, s)
		}
		return a.WithZone("").String(), nil
	}
	if r.HasLower {
		if lo, err = parse(r.Lower); err != nil {
			return nil, nil, err
		}
	}
	if r.HasUpper {
		if hi, err = parse(r.Upper); err != nil {
			return nil, nil, err
		}
	}
	return lo, hi, nil
}
