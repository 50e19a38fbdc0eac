package esfake

import (
	"math"
	"net/netip"
	"sort"
	"strings"
)

// sortSpec is one sort criterion.
type sortSpec struct {
	field        string
	desc         bool
	missingFirst bool
	mode         string // min, max ("" = min for asc, max for desc)
	unmappedType string
	kind         kind
	typ          string
}

// sortKey is a hit's value for one criterion.
type sortKey struct {
	v       any
	missing bool
}

func parseSorts(body any, query string) ([]sortSpec, *httpError) {
	if body == nil && query != "" {
		body = parseQuerySort(query)
	}
	if body == nil {
		return nil, nil
	}
	list, ok := body.([]any)
	if !ok {
		list = []any{body}
	}
	var out []sortSpec
	for _, item := range list {
		spec, he := parseSort(item)
		if he != nil {
			return nil, he
		}
		out = append(out, spec)
	}
	return out, nil
}

func parseSort(item any) (sortSpec, *httpError) {
	switch x := item.(type) {
	case string:
		return sortSpec{field: x, desc: x == "_score"}, nil
	case map[string]any:
		if len(x) != 1 {
			return sortSpec{}, parsingError("[sort] malformed, expected a single field per sort object")
		}
		for field, v := range x {
			spec := sortSpec{field: field, desc: field == "_score"}
			opts, isObj := v.(map[string]any)
			if !isObj {
				opts = map[string]any{"order": v}
			}
			if o, has := opts["order"]; has {
				if str, isStr := o.(string); isStr {
					o = strings.ToLower(str)
				}
				switch o {
				case "asc":
					spec.desc = false
				case "desc":
					spec.desc = true
				default:
					return spec, badRequest("illegal_argument_exception", "Unknown SortOrder [%v]", o)
				}
			}
			spec.missingFirst = opts["missing"] == "_first"
			spec.mode, _ = opts["mode"].(string)
			spec.unmappedType, _ = opts["unmapped_type"].(string)
			return spec, nil
		}
	}
	return sortSpec{}, parsingError("[sort] malformed, unsupported sort value")
}

// resolveSortTypes fixes each field criterion's type from the first index
// that maps it, refusing text fields and fields no index maps.
func resolveSortTypes(ixs []*index, sorts []sortSpec) *httpError {
	for i := range sorts {
		sp := &sorts[i]
		if sp.field == "_score" || sp.field == "_doc" {
			continue
		}
		for _, ix := range ixs {
			if f := ix.mapping.lookup(sp.field); f != nil && !f.isObject() {
				sp.kind, sp.typ = f.kind(), f.Type
				if f.NoDocValues && f.kind() != kindText {
					return fail(400, shardFailure(newErr("illegal_argument_exception", "%s", noDocValues(sp.field, f.Type))))
				}
				break
			}
		}
		switch {
		case sp.typ == "" && sp.unmappedType != "":
			sp.typ = sp.unmappedType
			sp.kind = (&fieldType{Type: sp.typ}).kind()
		case sp.typ == "" && len(ixs) > 0:
			return fail(400, shardFailure(newErr("query_shard_exception", "No mapping found for [%s] in order to sort on", sp.field)))
		case sp.kind == kindText:
			return fail(400, shardFailure(newErr("illegal_argument_exception",
				"Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [%s] in order to load field data by uninverting the inverted index. Note that this can use significant memory.", sp.field)))
		}
	}
	return nil
}

// key computes h's key for sp: the smallest value ascending, the largest
// descending (or mode).
func (sp sortSpec) key(h *hit) sortKey {
	switch sp.field {
	case "_score":
		return sortKey{v: 1.0}
	case "_doc":
		return sortKey{v: float64(h.pos)*1e12 + float64(h.doc.seqNo)}
	}
	vals := h.doc.fields[sp.field]
	if len(vals) == 0 {
		return sortKey{missing: true}
	}
	pickMax := sp.desc
	if sp.mode != "" {
		pickMax = sp.mode == "max"
	}
	best := vals[0]
	for _, v := range vals[1:] {
		if c := compareValues(v, best); pickMax && c > 0 || !pickMax && c < 0 {
			best = v
		}
	}
	return sortKey{v: best}
}

// compareKeys orders two hits' keys for the criteria.
func compareKeys(sorts []sortSpec, a, b []sortKey) int {
	for i, sp := range sorts {
		ka, kb := a[i], b[i]
		var c int
		switch {
		case ka.missing && kb.missing:
			c = 0
		case ka.missing != kb.missing:
			c = 1 // the missing key goes last
			if kb.missing {
				c = -1
			}
			if sp.missingFirst {
				c = -c
			}
		default:
			c = compareValues(ka.v, kb.v)
			if sp.desc {
				c = -c
			}
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// render is the key as the hit's "sort" array shows it: dates in epoch
// milliseconds (nanoseconds for date_nanos), booleans 0/1, missing numbers
// as the extreme long.
func (k sortKey) render(sp sortSpec) any {
	if k.missing {
		if sp.kind == kindKeyword || sp.kind == kindIP {
			return nil
		}
		if sp.desc != sp.missingFirst {
			return int64(math.MinInt64)
		}
		return int64(math.MaxInt64)
	}
	switch v := k.v.(type) {
	case int64:
		if sp.typ == "date_nanos" {
			return v
		}
		return v / 1e6
	case float64:
		if sp.kind == kindLong && math.Abs(v) < 1<<62 {
			return int64(v)
		}
		return v
	case bool:
		return boolInt(v)
	case netip.Addr:
		return v.String()
	}
	return k.v
}

// afterKey reads a search_after value back into a key.
func afterKey(sp sortSpec, v any) sortKey {
	switch sp.kind {
	case kindDate:
		if f, ok := floatValue(v); ok {
			if f == math.MaxInt64 || f == math.MinInt64 {
				return sortKey{missing: true}
			}
			if sp.typ == "date_nanos" {
				return sortKey{v: int64(f)}
			}
			return sortKey{v: int64(f) * 1e6}
		}
		n, _ := parseDate(v, "")
		return sortKey{v: n}
	case kindLong, kindFloat, kindBool:
		f, _ := floatValue(v)
		if f >= math.MaxInt64 || f <= math.MinInt64 {
			return sortKey{missing: true}
		}
		if sp.kind == kindBool {
			return sortKey{v: f != 0}
		}
		if sp.typ == "float" || sp.typ == "half_float" {
			f = float64(float32(f))
		}
		return sortKey{v: f}
	case kindIP:
		s, _ := v.(string)
		a, err := netip.ParseAddr(s)
		if err != nil {
			return sortKey{missing: true}
		}
		return sortKey{v: a}
	}
	if sp.field == "_score" || sp.field == "_doc" {
		f, _ := floatValue(v)
		return sortKey{v: f}
	}
	if v == nil {
		return sortKey{missing: true}
	}
	s, _ := stringValue(v)
	return sortKey{v: s}
}

// sortAndPage orders the hits, applies search_after, from and size.
func sortAndPage(ixs []*index, hits []*hit, req *searchReq) ([]*hit, *httpError) {
	if he := resolveSortTypes(ixs, req.sorts); he != nil {
		return nil, he
	}
	for _, h := range hits {
		h.keys = make([]sortKey, len(req.sorts))
		for i, sp := range req.sorts {
			h.keys[i] = sp.key(h)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if c := compareKeys(req.sorts, hits[i].keys, hits[j].keys); c != 0 {
			return c < 0
		}
		if hits[i].pos != hits[j].pos {
			return hits[i].pos < hits[j].pos
		}
		return hits[i].doc.seqNo < hits[j].doc.seqNo
	})
	if req.searchAfter != nil {
		after := make([]sortKey, len(req.sorts))
		for i, sp := range req.sorts {
			after[i] = afterKey(sp, req.searchAfter[i])
		}
		n := sort.Search(len(hits), func(i int) bool { return compareKeys(req.sorts, hits[i].keys, after) > 0 })
		hits = hits[n:]
	}
	if req.from >= len(hits) {
		return nil, nil
	}
	hits = hits[req.from:]
	if len(hits) > req.size {
		hits = hits[:req.size]
	}
	return hits, nil
}

func docsInOrder(ix *index) []*document {
	docs := make([]*document, 0, len(ix.docs))
	for _, d := range ix.docs {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].seqNo < docs[j].seqNo })
	return docs
}
