package esfake

import (
	"cmp"
	"net/netip"
	"strings"
)

// fieldQuery compiles a query on one field (term, terms, match,
// match_phrase, wildcard, prefix, range) by the field's mapped type; an
// unmapped field matches nothing.
func (c *compiler) fieldQuery(typ, field string, params any) (pred, *httpError) {
	f := c.m.lookup(field)
	if typ == "terms" {
		return c.termsQuery(f, field, params)
	}
	p := normalizeParams(typ, params)
	if p == nil {
		return nil, parsingError("[%s] query malformed, no start_object after query name", typ)
	}
	if f == nil || f.isObject() {
		return matchNone, nil
	}
	if he := c.searchable(f, field); he != nil {
		return nil, he
	}
	ci, _ := boolValue(p["case_insensitive"])
	switch typ {
	case "term":
		return c.termPred(f, field, p["value"], ci)
	case "match":
		return c.matchQuery(f, field, p, false)
	case "match_phrase":
		return c.matchQuery(f, field, p, true)
	case "wildcard":
		return c.patternQuery(f, field, p["value"], ci, "wildcard", func(v, pat string) bool { return globMatch(pat, v) })
	case "prefix":
		return c.patternQuery(f, field, p["value"], ci, "prefix", strings.HasPrefix)
	}
	return c.rangeQuery(f, field, p)
}

// normalizeParams returns the long form of a field query's parameters
// ({"value": ...} or {"query": ...}).
func normalizeParams(typ string, params any) map[string]any {
	if m, ok := params.(map[string]any); ok {
		if w, ok := m["wildcard"]; ok && typ == "wildcard" && m["value"] == nil {
			m["value"] = w
		}
		return m
	}
	switch typ {
	case "range":
		return nil
	case "match", "match_phrase":
		return map[string]any{"query": params}
	}
	return map[string]any{"value": params}
}

// anyValue matches documents with a value at field for which ok holds.
func anyValue(field string, ok func(any) bool) pred {
	return func(d *document) bool {
		for _, v := range d.fields[field] {
			if ok(v) {
				return true
			}
		}
		return false
	}
}

func (c *compiler) termsQuery(f *fieldType, field string, params any) (pred, *httpError) {
	list, ok := params.([]any)
	if !ok {
		return nil, parsingError("[terms] query does not support [%s]", field)
	}
	if f == nil || f.isObject() {
		return matchNone, nil
	}
	if he := c.searchable(f, field); he != nil {
		return nil, he
	}
	var ps []pred
	for _, v := range list {
		p, he := c.termPred(f, field, v, false)
		if he != nil {
			return nil, he
		}
		ps = append(ps, p)
	}
	return func(d *document) bool {
		for _, p := range ps {
			if p(d) {
				return true
			}
		}
		return false
	}, nil
}

// termPred matches an exact indexed value: a token for text fields, the
// whole value for keyword, the parsed value for the other types.
func (c *compiler) termPred(f *fieldType, field string, v any, ci bool) (pred, *httpError) {
	if v == nil {
		return nil, parsingError("[term] query requires a value")
	}
	switch f.kind() {
	case kindText:
		s, _ := stringValue(v)
		idx, _, he := c.analyzers(f)
		if he != nil {
			return nil, he
		}
		return anyValue(field, func(x any) bool {
			for _, tok := range idx(asStr(x)) {
				if tok == s || ci && strings.EqualFold(tok, s) {
					return true
				}
			}
			return false
		}), nil
	case kindKeyword:
		s, _ := stringValue(v)
		return anyValue(field, func(x any) bool { return x == s || ci && strings.EqualFold(asStr(x), s) }), nil
	case kindIP:
		return ipPred(field, v)
	}
	want, he := c.queryValue(f, field, v, false)
	if he != nil {
		return nil, he
	}
	return anyValue(field, func(x any) bool { return x == want }), nil
}

// queryValue converts a query value for a numeric, date or boolean field;
// roundUp rounds date math up (lte, gt).
func (c *compiler) queryValue(f *fieldType, field string, v any, roundUp bool, format ...string) (any, *httpError) {
	switch f.kind() {
	case kindLong, kindFloat:
		x, ok := f.number(v)
		if !ok {
			s, _ := stringValue(v)
			return nil, shardError("failed to create query: For input string: \"%s\"", s)
		}
		return x, nil
	case kindDate:
		fm := f.Format
		if len(format) > 0 && format[0] != "" {
			fm = format[0]
		}
		n, ok := c.dateBound(v, fm, roundUp)
		if !ok {
			s, _ := stringValue(v)
			return nil, shardError("failed to parse date field [%s] with format [%s]", s, orDefault(fm))
		}
		return truncDate(n, f.Type), nil
	case kindBool:
		b, ok := boolField(v)
		if !ok {
			return nil, shardError("Can't parse boolean value [%v], expected [true] or [false]", v)
		}
		return b, nil
	}
	return nil, shardError("Field [%s] of type [%s] does not support this query", field, f.Type)
}

func orDefault(format string) string {
	if format == "" {
		return "strict_date_optional_time||epoch_millis"
	}
	return format
}

// dateBound parses a date query value: now-based date math, else the
// format.
func (c *compiler) dateBound(v any, format string, roundUp bool) (int64, bool) {
	if s, ok := v.(string); ok && strings.HasPrefix(s, "now") {
		n, ok := dateMath(s, c.now)
		if ok && roundUp && strings.Contains(s, "/") {
			unit := s[strings.LastIndexByte(s, '/')+1:]
			if len(unit) == 1 {
				t, _ := addUnit(timeOf(n), 1, unit[0])
				n = t.UnixNano() - 1e6
			}
		}
		return n, ok
	}
	if roundUp {
		if s, ok := v.(string); ok && !isEpochFormat(format) {
			if n, prec, ok := parseISOParts(s, false); ok {
				return roundUpMissing(n, prec), true
			}
		}
	}
	return parseDate(v, format)
}

// isEpochFormat reports whether format reads numbers first (a numeric
// string is then epoch time, not a year).
func isEpochFormat(format string) bool { return strings.HasPrefix(format, "epoch_") }

func ipPred(field string, v any) (pred, *httpError) {
	s, _ := stringValue(v)
	if strings.Contains(s, "/") {
		pfx, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, shardError("'%s' is not an IP string literal.", s)
		}
		return anyValue(field, func(x any) bool { return pfx.Contains(asAddr(x)) }), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return nil, shardError("'%s' is not an IP string literal.", s)
	}
	a = a.Unmap()
	return anyValue(field, func(x any) bool { return asAddr(x) == a }), nil
}

// compareValues orders two indexed values of one field type; values of
// different types (one field mapped differently in two indices) order by
// type.
func compareValues(a, b any) int {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y)
		}
	case float64:
		if y, ok := b.(float64); ok {
			return cmp.Compare(x, y)
		}
	case int64:
		if y, ok := b.(int64); ok {
			return cmp.Compare(x, y)
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmp.Compare(boolInt(x), boolInt(y))
		}
	case netip.Addr:
		if y, ok := b.(netip.Addr); ok {
			return x.Compare(y)
		}
	}
	return cmp.Compare(typeRank(a), typeRank(b))
}

func typeRank(v any) int {
	switch v.(type) {
	case bool:
		return 1
	case float64:
		return 2
	case int64:
		return 3
	case netip.Addr:
		return 4
	case string:
		return 5
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// asStr and asAddr read an indexed value of a string or ip field.
func asStr(v any) string      { s, _ := v.(string); return s }
func asAddr(v any) netip.Addr { a, _ := v.(netip.Addr); return a }

// searchable refuses a query on a field that is not indexed, unless (from
// Elasticsearch 8.1) its doc values can answer it.
func (c *compiler) searchable(f *fieldType, field string) *httpError {
	if !f.NotIndexed {
		return nil
	}
	if !f.NoDocValues && !c.ver.openSearch && c.ver.atLeast(8, 1) && f.kind() != kindText {
		return nil
	}
	return shardError("failed to create query: Cannot search on field [%s] since it is not indexed.", field)
}
