package esfake

import (
	"strconv"
	"strings"
	"time"
)

// pred is a compiled query: whether a document matches.
type pred func(*document) bool

// compiler compiles the query DSL against one index's mapping.
type compiler struct {
	m   *mapping
	now time.Time
	ver version
	an  *analysis
}

// analyzers returns the index-time and search-time analyzers of a text
// field.
func (c *compiler) analyzers(f *fieldType) (index, search analyzer, he *httpError) {
	if c.an == nil {
		return analyze, analyze, nil
	}
	index, err := c.an.forField(f, false)
	if err == nil {
		search, err = c.an.forField(f, true)
	}
	if err != nil {
		return nil, nil, fail(400, shardFailure(err))
	}
	return index, search, nil
}

// queryError is a query the server refuses: a malformed query (400
// parsing_exception) or one that fails on the shard (wrapped as
// search_phase_execution_exception).
func parsingError(format string, args ...any) *httpError {
	return badRequest("parsing_exception", format, args...)
}

func shardError(format string, args ...any) *httpError {
	return fail(400, shardFailure(newErr("query_shard_exception", format, args...)))
}

func matchAll(*document) bool  { return true }
func matchNone(*document) bool { return false }

// compile turns one query object ({"<type>": body}) into a predicate.
func (c *compiler) compile(q any) (pred, *httpError) {
	obj, ok := q.(map[string]any)
	if !ok || len(obj) != 1 {
		return nil, parsingError("[_na] query malformed, must start with start_object")
	}
	for typ, body := range obj {
		return c.compileType(typ, body)
	}
	return nil, nil
}

func (c *compiler) compileType(typ string, body any) (pred, *httpError) {
	switch typ {
	case "match_all":
		return matchAll, nil
	case "match_none":
		return matchNone, nil
	case "bool":
		return c.boolQuery(body)
	case "constant_score":
		obj, _ := body.(map[string]any)
		if obj["filter"] == nil {
			return nil, parsingError("[constant_score] requires a 'filter' element")
		}
		return c.compile(obj["filter"])
	case "ids":
		return idsQuery(body)
	case "exists":
		return c.existsQuery(body)
	case "term", "terms", "match", "match_phrase", "wildcard", "prefix", "range":
		field, params, he := fieldBody(typ, body)
		if he != nil {
			return nil, he
		}
		return c.fieldQuery(typ, field, params)
	}
	return nil, parsingError("unknown query [%s]", typ)
}

// fieldBody splits {"<field>": params} (terms also carries boost).
func fieldBody(typ string, body any) (string, any, *httpError) {
	obj, ok := body.(map[string]any)
	if !ok {
		return "", nil, parsingError("[%s] query malformed, no start_object after query name", typ)
	}
	field, params := "", any(nil)
	n := 0
	for k, v := range obj {
		if k == "boost" || k == "_name" {
			continue
		}
		field, params = k, v
		n++
	}
	if n != 1 {
		return "", nil, parsingError("[%s] query doesn't support multiple fields, found [%d]", typ, n)
	}
	return field, params, nil
}

func (c *compiler) boolQuery(body any) (pred, *httpError) {
	obj, ok := body.(map[string]any)
	if !ok {
		return nil, parsingError("[bool] query malformed, no start_object after query name")
	}
	clauses := map[string][]pred{}
	for k, v := range obj {
		switch k {
		case "must", "filter", "should", "must_not":
			list, ok := v.([]any)
			if !ok {
				list = []any{v}
			}
			for _, q := range list {
				p, he := c.compile(q)
				if he != nil {
					return nil, he
				}
				clauses[k] = append(clauses[k], p)
			}
		case "minimum_should_match", "boost", "_name", "adjust_pure_negative":
		default:
			return nil, parsingError("[bool] query does not support [%s]", k)
		}
	}
	msm := 0
	if len(clauses["should"]) > 0 && len(clauses["must"])+len(clauses["filter"]) == 0 {
		msm = 1
	}
	if v, ok := obj["minimum_should_match"]; ok {
		msm = minimumShouldMatch(v, len(clauses["should"]))
	}
	must := append(clauses["must"], clauses["filter"]...)
	should, mustNot := clauses["should"], clauses["must_not"]
	return func(d *document) bool {
		for _, p := range must {
			if !p(d) {
				return false
			}
		}
		for _, p := range mustNot {
			if p(d) {
				return false
			}
		}
		if msm <= 0 {
			return true
		}
		n := 0
		for _, p := range should {
			if p(d) {
				n++
				if n >= msm {
					return true
				}
			}
		}
		return false
	}, nil
}

// minimumShouldMatch resolves an integer, negative or percentage value
// against the number of optional clauses.
func minimumShouldMatch(v any, optional int) int {
	s, _ := stringValue(v)
	s = strings.TrimSpace(s)
	var n int
	if strings.HasSuffix(s, "%") {
		pct, _ := strconv.Atoi(strings.TrimSuffix(s, "%"))
		n = optional * pct / 100
		if pct < 0 {
			n = optional + optional*pct/100
		}
	} else {
		n, _ = strconv.Atoi(s)
		if n < 0 {
			n = optional + n
		}
	}
	return max(0, min(n, optional))
}

func idsQuery(body any) (pred, *httpError) {
	obj, _ := body.(map[string]any)
	set := map[string]bool{}
	for _, v := range stringList(obj["values"]) {
		set[v] = true
	}
	return func(d *document) bool { return set[d.id] }, nil
}

func (c *compiler) existsQuery(body any) (pred, *httpError) {
	obj, _ := body.(map[string]any)
	field, ok := obj["field"].(string)
	if !ok {
		return nil, parsingError("[exists] must be provided with a [field]")
	}
	f := c.m.lookup(field)
	if f == nil {
		return matchNone, nil
	}
	if !f.isObject() {
		return func(d *document) bool { return len(d.fields[field]) > 0 }, nil
	}
	prefix := field + "."
	return func(d *document) bool {
		for k, vals := range d.fields {
			if strings.HasPrefix(k, prefix) && len(vals) > 0 {
				return true
			}
		}
		return false
	}, nil
}
