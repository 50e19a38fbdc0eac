package rule

import (
	"errors"
	"fmt"
	"strings"

	"github.com/logstack/logstack/internal/query"
)

// queryString parses a Lucene query with logstack's parser. Semantic gap:
// without default_field Elasticsearch searches every field; logstack
// searches message (its default field).
func (t *translator) queryString(n *node, key string) query.Node {
	o, ok := t.options(n, key, "query", "default_field", "default_operator", "analyze_wildcard")
	if !ok {
		return nil
	}
	q := o["query"]
	if q.kind != kString {
		return t.fail(q, key+".query", ErrInvalid, "expected a query string, got %s", q.describe())
	}
	if op := o["default_operator"]; op != nil && !strings.EqualFold(op.text, "or") {
		return t.fail(op, key+".default_operator", ErrUnsupported, "default_operator %s is not supported yet (only OR, the default)", op.describe())
	}
	if aw := o["analyze_wildcard"]; aw != nil && aw.kind != kBool {
		return t.fail(aw, key+".analyze_wildcard", ErrInvalid, "expected a boolean, got %s", aw.describe())
	}
	parsed, err := query.Parse(q.text)
	if err != nil {
		var se *query.SyntaxError
		if errors.As(err, &se) {
			return t.fail(q, key+".query", ErrInvalid, "query_string: position %d: %s", se.Pos, se.Msg)
		}
		return t.fail(q, key+".query", ErrInvalid, "query_string: %v", err)
	}
	if df := o["default_field"]; df != nil {
		if df.kind != kString || df.text == "" {
			return t.fail(df, key+".default_field", ErrInvalid, "expected a field name, got %s", df.describe())
		}
		if df.text != "*" && df.text != "message" {
			parsed = withDefaultField(parsed, fieldName(df.text))
		}
	}
	return parsed
}

// withDefaultField points bare terms at field.
func withDefaultField(n query.Node, field string) query.Node {
	switch c := n.(type) {
	case query.Term:
		if c.Field == query.DefaultField {
			c.Field = field
		}
		return c
	case query.And:
		return query.And{Nodes: mapNodes(c.Nodes, field)}
	case query.Or:
		return query.Or{Nodes: mapNodes(c.Nodes, field)}
	case query.Not:
		return query.Not{Node: withDefaultField(c.Node, field)}
	}
	return n
}

func mapNodes(ns []query.Node, field string) []query.Node {
	out := make([]query.Node, len(ns))
	for i, n := range ns {
		out[i] = withDefaultField(n, field)
	}
	return out
}

// boolQuery combines clauses as Elasticsearch does: must and filter are
// required, must_not prohibited, and should is required (at least one)
// only when there is no must or filter clause or minimum_should_match is
// 1; otherwise should only scores, which a filter ignores.
func (t *translator) boolQuery(n *node, key string) query.Node {
	if n.kind == kNull {
		return query.MatchAll{}
	}
	if n.kind != kMap {
		return t.fail(n, key, ErrInvalid, "expected a mapping of must, filter, should, must_not, got %s", n.describe())
	}
	var req, should, not []query.Node
	var hasShould bool
	msm := -1
	bad := len(t.probs)
	for _, e := range n.entries {
		sub := key + "." + e.key
		switch e.key {
		case "must", "filter":
			req = append(req, t.list(e.value, sub))
		case "should":
			hasShould = true
			should = append(should, t.orList(e.value, sub)...)
		case "must_not":
			not = append(not, t.orList(e.value, sub)...)
		case "minimum_should_match":
			msm = t.minShould(&e, sub)
		case "boost":
		default:
			t.fail(&node{line: e.line, col: e.col}, sub, ErrUnsupported, "bool option %q is not supported yet", e.key)
		}
	}
	if len(t.probs) > bad {
		return nil
	}
	if msm < 0 {
		msm = 0
		if len(req) == 0 {
			msm = 1
		}
	}
	if hasShould && msm == 1 {
		req = append(req, or(should))
	}
	if len(not) > 0 {
		req = append(req, query.Not{Node: or(not)})
	}
	return and(req)
}

// orList translates a clause or list of clauses for should/must_not.
func (t *translator) orList(n *node, key string) []query.Node {
	if n.kind == kMap {
		return []query.Node{t.clause(n, key)}
	}
	if n.kind != kList {
		t.fail(n, key, ErrInvalid, "expected a clause or a list of clauses, got %s", n.describe())
		return nil
	}
	var out []query.Node
	for i, it := range n.items {
		out = append(out, t.clause(it, fmt.Sprintf("%s[%d]", key, i)))
	}
	return out
}

// minShould accepts the values logstack can express: 0 and 1.
func (t *translator) minShould(e *entry, key string) int {
	switch e.value.text {
	case "0", "0%":
		return 0
	case "1":
		return 1
	}
	t.fail(e.value, key, ErrUnsupported, "minimum_should_match %s is not supported yet (only 0 or 1)", e.value.describe())
	return 0
}
