package esfake

import (
	"net/http"
	"strings"
	"time"
)

// hit is one matching document with its index and sort keys.
type hit struct {
	ix   *index
	pos  int // position of ix among the searched indices (tie-break)
	doc  *document
	keys []sortKey
}

var searchKeys = map[string]bool{
	"query": true, "size": true, "from": true, "sort": true, "track_total_hits": true, "aggs": true,
	"aggregations": true, "_source": true, "search_after": true, "timeout": true, "terminate_after": true,
	"track_scores": true, "version": true, "seq_no_primary_term": true, "explain": true, "stored_fields": true,
	"docvalue_fields": true, "fields": true, "highlight": true, "profile": true, "min_score": true,
}

// handleSearch serves _search and _count on every index or a pattern.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	body, he := decodeBody(r)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	if r.URL.Query().Has("q") {
		writeHTTPError(w, badRequest("illegal_argument_exception", "esfake: the q parameter (query_string) is not implemented"))
		return
	}
	segs := splitPath(r.URL.Path)
	expr, endpoint := "", segs[len(segs)-1]
	if len(segs) == 2 {
		expr = segs[0]
	}
	resp, he := s.answer(r, expr, endpoint, body)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	if endpoint != "_count" {
		resp["took"] = time.Since(start).Milliseconds()
	}
	writeJSON(w, http.StatusOK, resp)
}

// answer builds a _search or _count response under the lock; it is
// written after the lock is released (sources are never modified in
// place, so the response may share them).
func (s *Server) answer(r *http.Request, expr, endpoint string, body map[string]any) (map[string]any, *httpError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ixs, he := s.resolve(expr, optsFrom(r, resolveOpts{allowNoIndices: true}))
	if he != nil {
		return nil, he
	}
	if endpoint == "_count" {
		return s.count(ixs, body)
	}
	return s.search(r, ixs, body)
}

func (s *Server) count(ixs []*index, body map[string]any) (map[string]any, *httpError) {
	for k := range body {
		if k != "query" {
			return nil, parsingError("request does not support [%s]", k)
		}
	}
	hits, he := s.match(ixs, body["query"])
	if he != nil {
		return nil, he
	}
	return map[string]any{"count": len(hits), "_shards": shardsObject(len(ixs), len(ixs))}, nil
}

// match returns the documents of ixs that match query (match_all when
// nil), in index then insertion order.
func (s *Server) match(ixs []*index, query any) ([]*hit, *httpError) {
	var hits []*hit
	now := time.Now()
	for pos, ix := range ixs {
		p := pred(matchAll)
		if query != nil {
			var he *httpError
			if p, he = (&compiler{m: ix.mapping, now: now, ver: s.ver, an: newAnalysis(ix.settings)}).compile(query); he != nil {
				return nil, he
			}
		}
		for _, d := range docsInOrder(ix) {
			if p(d) {
				hits = append(hits, &hit{ix: ix, pos: pos, doc: d})
			}
		}
	}
	return hits, nil
}

func (s *Server) search(r *http.Request, ixs []*index, body map[string]any) (map[string]any, *httpError) {
	for k := range body {
		if !searchKeys[k] {
			return nil, parsingError("Unknown key for a START_OBJECT in [%s].", k)
		}
	}
	req, he := parseSearchParams(r, body)
	if he != nil {
		return nil, he
	}
	if req.from+req.size > maxResultWindow(ixs) {
		return nil, fail(400, shardFailure(newErr("illegal_argument_exception",
			"Result window is too large, from + size must be less than or equal to: [%d] but was [%d]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.",
			maxResultWindow(ixs), req.from+req.size)))
	}
	hits, he := s.match(ixs, body["query"])
	if he != nil {
		return nil, he
	}
	resp := map[string]any{"timed_out": false, "_shards": map[string]any{
		"total": len(ixs), "successful": len(ixs), "skipped": 0, "failed": 0}}
	if aggs := aggsBody(body); aggs != nil {
		out, he := computeAggs(&aggCtx{ver: s.ver}, aggs, hits)
		if he != nil {
			return nil, he
		}
		resp["aggregations"] = out
	}
	for _, sp := range req.sorts {
		if sp.field == "_id" && !s.ver.openSearch && s.ver.major >= 8 {
			return nil, fail(400, shardFailure(newErr("illegal_argument_exception", idFielddata)))
		}
	}
	page, he := sortAndPage(ixs, hits, req)
	if he != nil {
		return nil, he
	}
	resp["hits"] = s.renderHits(req, len(hits), page)
	return resp, nil
}

func aggsBody(body map[string]any) map[string]any {
	if a, ok := body["aggs"].(map[string]any); ok {
		return a
	}
	a, _ := body["aggregations"].(map[string]any)
	return a
}

func maxResultWindow(ixs []*index) int {
	n := 10000
	for _, ix := range ixs {
		if v, ok := intValue(ix.settings["max_result_window"]); ok && v < n {
			n = v
		}
	}
	return n
}

// searchReq holds the paging, sorting and rendering parameters.
type searchReq struct {
	from, size   int
	sorts        []sortSpec
	scored       bool // no explicit sort other than _score
	searchAfter  []any
	trackTotal   int // -1 exact, 0 off, else the threshold
	totalAsInt   bool
	source       sourceFilter
	seqNoPrimary bool
}

func parseSearchParams(r *http.Request, body map[string]any) (*searchReq, *httpError) {
	q := r.URL.Query()
	req := &searchReq{size: 10, trackTotal: 10000, totalAsInt: q.Get("rest_total_hits_as_int") == "true"}
	var ok bool
	if v, has := firstOf(body["size"], q.Get("size")); has {
		if req.size, ok = intValue(v); !ok || req.size < 0 {
			return nil, badRequest("illegal_argument_exception", "[size] parameter cannot be negative, found [%v]", v)
		}
	}
	if v, has := firstOf(body["from"], q.Get("from")); has {
		if req.from, ok = intValue(v); !ok || req.from < 0 {
			return nil, badRequest("illegal_argument_exception", "[from] parameter cannot be negative but was [%v]", v)
		}
	}
	if req.totalAsInt {
		req.trackTotal = -1
	}
	if v, has := firstOf(body["track_total_hits"], q.Get("track_total_hits")); has {
		if b, isBool := boolValue(v); isBool {
			req.trackTotal = map[bool]int{true: -1, false: 0}[b]
		} else if n, isInt := intValue(v); isInt {
			req.trackTotal = n
		} else {
			return nil, parsingError("[track_total_hits] must be a boolean or an integer")
		}
	}
	sorts, he := parseSorts(body["sort"], q.Get("sort"))
	if he != nil {
		return nil, he
	}
	req.sorts = sorts
	req.scored = len(sorts) == 0 || len(sorts) == 1 && sorts[0].field == "_score"
	if sa, has := body["search_after"]; has {
		list, isList := sa.([]any)
		if !isList || len(list) != len(sorts) {
			return nil, badRequest("illegal_argument_exception", "search_after has %d value(s) but sort has %d.", len(list), len(sorts))
		}
		req.searchAfter = list
		if req.from > 0 {
			return nil, badRequest("illegal_argument_exception", "Cannot use [from] parameter with search_after; from must be 0 or -1")
		}
	}
	req.seqNoPrimary = boolTrue(body["seq_no_primary_term"])
	req.source = parseSourceFilter(body["_source"], q.Get("_source"))
	return req, nil
}

// firstOf returns the body value, else the query-string value.
func firstOf(body any, query string) (any, bool) {
	if body != nil {
		return body, true
	}
	if query != "" {
		return query, true
	}
	return nil, false
}

func (s *Server) renderHits(req *searchReq, total int, page []*hit) map[string]any {
	list := make([]any, 0, len(page))
	var maxScore any
	if req.scored && len(page) > 0 {
		maxScore = 1.0
	}
	for _, h := range page {
		list = append(list, s.renderHit(req, h))
	}
	out := map[string]any{"max_score": maxScore, "hits": list}
	switch {
	case req.totalAsInt:
		out["total"] = total
	case req.trackTotal < 0:
		out["total"] = map[string]any{"value": total, "relation": "eq"}
	case req.trackTotal > 0:
		rel := "eq"
		if total > req.trackTotal {
			total, rel = req.trackTotal, "gte"
		}
		out["total"] = map[string]any{"value": total, "relation": rel}
	}
	return out
}

func (s *Server) renderHit(req *searchReq, h *hit) map[string]any {
	m := map[string]any{"_index": h.ix.name, "_id": h.doc.id, "_score": nil}
	if req.scored {
		m["_score"] = 1.0
	}
	if s.ver.types() {
		m["_type"] = "_doc"
	}
	if src, ok := req.source.apply(h.doc.source); ok {
		m["_source"] = src
	}
	if !req.scored {
		vals := make([]any, len(h.keys))
		for i, k := range h.keys {
			vals[i] = k.render(req.sorts[i])
		}
		m["sort"] = vals
	}
	if req.seqNoPrimary {
		m["_seq_no"], m["_primary_term"] = h.doc.seqNo-1, 1
	}
	return m
}

// parseQuerySort reads the sort query parameter ("f:desc,g").
func parseQuerySort(s string) []any {
	var out []any
	for _, part := range strings.Split(s, ",") {
		f, order, has := strings.Cut(part, ":")
		if has {
			out = append(out, map[string]any{f: order})
		} else {
			out = append(out, f)
		}
	}
	return out
}
