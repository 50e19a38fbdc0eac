package elasticsearch

import (
	"fmt"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// dsl is one query DSL object.
type dsl = map[string]any

// Fixed queries.
var (
	matchAll  = dsl{"match_all": dsl{}}
	matchNone = dsl{"bool": dsl{"must_not": []any{dsl{"match_all": dsl{}}}}}
)

// translator turns the query AST into the DSL subset of docs/ELASTICSEARCH.md
// with the DuckDB backend's semantics (internal/store/duckdb/translate*.go):
// a term is a phrase of whole words, case-insensitive, on text fields
// (message, the default field) and exact equality on any other field; a
// range is instants on dates, numbers on numeric fields or when every bound
// is a number, strings otherwise; NOT keeps events without the field.
// Values that can never match a field's type (a word on a number field)
// match nothing, as in DuckDB, instead of failing the search.
type translator struct {
	types map[string]string
	now   time.Time
}

func (t *translator) query(n query.Node) (dsl, error) {
	switch n := n.(type) {
	case nil, query.MatchAll, *query.MatchAll:
		return matchAll, nil
	case query.And:
		return t.and(n.Nodes)
	case *query.And:
		return t.and(n.Nodes)
	case query.Or:
		return t.or(n.Nodes)
	case *query.Or:
		return t.or(n.Nodes)
	case query.Not:
		return t.not(n.Node)
	case *query.Not:
		return t.not(n.Node)
	case query.Term:
		return t.term(n)
	case *query.Term:
		return t.term(*n)
	case query.Range:
		return t.rangeOf(n)
	case *query.Range:
		return t.rangeOf(*n)
	case query.Exists:
		return t.exists(n.Field)
	case *query.Exists:
		return t.exists(n.Field)
	}
	return nil, fmt.Errorf("%w: unsupported query node %T", store.ErrBadRequest, n)
}

func (t *translator) all(nodes []query.Node) ([]any, error) {
	out := make([]any, len(nodes))
	for i, c := range nodes {
		q, err := t.query(c)
		if err != nil {
			return nil, err
		}
		out[i] = q
	}
	return out, nil
}

func (t *translator) and(nodes []query.Node) (dsl, error) {
	qs, err := t.all(nodes)
	if err != nil || len(qs) == 0 {
		return matchAll, err
	}
	if len(qs) == 1 {
		return qs[0].(dsl), nil
	}
	return dsl{"bool": dsl{"filter": qs}}, nil
}

func (t *translator) or(nodes []query.Node) (dsl, error) {
	qs, err := t.all(nodes)
	if err != nil || len(qs) == 0 {
		return matchNone, err
	}
	if len(qs) == 1 {
		return qs[0].(dsl), nil
	}
	return dsl{"bool": dsl{"should": qs, "minimum_should_match": 1}}, nil
}

func (t *translator) not(n query.Node) (dsl, error) {
	q, err := t.query(n)
	if err != nil {
		return nil, err
	}
	return dsl{"bool": dsl{"must_not": []any{q}}}, nil
}

// fieldOf resolves a query field to a mapped name and its type ("" when
// the field is only dynamically mapped).
func (t *translator) fieldOf(field string) (string, string, error) {
	if field == query.DefaultField {
		return "message", typeText, nil
	}
	if !validPath(field) {
		return "", "", fmt.Errorf("%w: invalid field name %q", store.ErrBadRequest, field)
	}
	typ := t.types[field]
	if typ == typeMixed {
		typ = "" // typed differently in different indices: as unmapped
	}
	return field, typ, nil
}

// validPath accepts the field names the DuckDB store accepts, minus the
// wildcards Elasticsearch would expand in a field name.
func validPath(field string) bool {
	if field == "" || strings.ContainsAny(field, `"\*?`) {
		return false
	}
	for _, part := range strings.Split(field, ".") {
		if part == "" {
			return false
		}
	}
	for _, r := range field {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

func (t *translator) term(n query.Term) (dsl, error) {
	field, typ, err := t.fieldOf(n.Field)
	if err != nil {
		return nil, err
	}
	switch typ {
	case typeText:
		return t.words(field, n), nil
	case typeIP:
		return ipTerm(field, n)
	case typeLong, typeDouble:
		return numberTerm(field, typ, n)
	case typeBoolean:
		return boolTerm(field, n), nil
	case typeDate:
		if n.Kind == query.Wildcard {
			return nil, fmt.Errorf("%w: wildcard on date field %q", store.ErrBadRequest, field)
		}
		sp, err := parseInstant(n.Value, t.now)
		if err != nil {
			return nil, err
		}
		return dsl{"range": dsl{field: dsl{"gte": instant(sp.start), "lt": instant(sp.end)}}}, nil
	}
	if n.Kind == query.Wildcard {
		return dsl{"wildcard": dsl{field: dsl{"value": n.Value}}}, nil
	}
	return dsl{"term": dsl{field: dsl{"value": n.Value}}}, nil
}

func (t *translator) exists(field string) (dsl, error) {
	f, _, err := t.fieldOf(field)
	if err != nil {
		return nil, err
	}
	return dsl{"exists": dsl{"field": f}}, nil
}
