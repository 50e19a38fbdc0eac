package esfake

import (
	"net/netip"
	"time"
)

// bound is one end of a range.
type bound struct {
	v    any
	incl bool
}

// rangeQuery compiles range{gt, gte, lt, lte (or from, to, include_lower,
// include_upper), format}: numeric for numeric fields, dates (ISO, epoch
// millis, now-based math) for date fields, addresses for ip, strings
// otherwise (each token for text).
func (c *compiler) rangeQuery(f *fieldType, field string, p map[string]any) (pred, *httpError) {
	format, _ := p["format"].(string)
	if tz, has := p["time_zone"]; has && !utcZone(tz) && f.kind() == kindDate {
		return nil, badRequest("illegal_argument_exception", "esfake: range time_zone [%v] is not implemented (UTC only)", tz)
	}
	var lo, hi *bound
	set := func(dst **bound, raw any, incl, roundUp bool) *httpError {
		if raw == nil {
			return nil
		}
		v, he := c.rangeValue(f, field, raw, roundUp, format)
		if he != nil {
			return he
		}
		*dst = &bound{v: v, incl: incl}
		return nil
	}
	inclLower, inclUpper := true, true
	if v, ok := p["include_lower"]; ok {
		inclLower = boolTrue(v)
	}
	if v, ok := p["include_upper"]; ok {
		inclUpper = boolTrue(v)
	}
	for _, b := range []struct {
		key     string
		dst     **bound
		incl    bool
		roundUp bool
	}{
		{"from", &lo, inclLower, !inclLower}, {"to", &hi, inclUpper, inclUpper},
		{"gt", &lo, false, true}, {"gte", &lo, true, false}, {"lt", &hi, false, false}, {"lte", &hi, true, true},
	} {
		if he := set(b.dst, p[b.key], b.incl, b.roundUp); he != nil {
			return nil, he
		}
	}
	in := func(x any) bool {
		if lo != nil {
			if c := compareValues(x, lo.v); c < 0 || c == 0 && !lo.incl {
				return false
			}
		}
		if hi != nil {
			if c := compareValues(x, hi.v); c > 0 || c == 0 && !hi.incl {
				return false
			}
		}
		return true
	}
	if f.kind() == kindText {
		idx, _, he := c.analyzers(f)
		if he != nil {
			return nil, he
		}
		return anyValue(field, func(x any) bool {
			for _, tok := range idx(asStr(x)) {
				if in(tok) {
					return true
				}
			}
			return false
		}), nil
	}
	return anyValue(field, in), nil
}

// rangeValue converts one range bound to the field's indexed form.
func (c *compiler) rangeValue(f *fieldType, field string, raw any, roundUp bool, format string) (any, *httpError) {
	switch f.kind() {
	case kindText, kindKeyword:
		s, _ := stringValue(raw)
		return s, nil
	case kindIP:
		s, _ := stringValue(raw)
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, shardError("'%s' is not an IP string literal.", s)
		}
		return a.Unmap(), nil
	}
	return c.queryValue(f, field, raw, roundUp, format)
}

func timeOf(n int64) time.Time { return time.Unix(0, n).UTC() }
