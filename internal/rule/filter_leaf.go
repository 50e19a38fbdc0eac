package rule

import (
	"strings"
	"unicode"

	"github.com/logstack/logstack/internal/query"
)

// fieldBody reads the {field: body} form shared by the leaf queries.
func (t *translator) fieldBody(n *node, key string) (string, *node, string, bool) {
	if n.kind != kMap || len(n.entries) != 1 {
		t.fail(n, key, ErrInvalid, "expected {field: value}, got %s", shape(n))
		return "", nil, "", false
	}
	e := n.entries[0]
	if e.value.line == 0 {
		e.value.line, e.value.col = e.line, e.col
	}
	return fieldName(e.key), e.value, key + "." + e.key, true
}

// fieldName maps Kibana's "x.keyword" sub-field to x: logstack stores
// strings other than message as keywords already. (message.keyword, an
// exact match on the whole message, has no logstack equivalent; it becomes
// a phrase match, see docs/ALERTING-RULES.md.)
func fieldName(f string) string {
	return strings.TrimSuffix(f, ".keyword")
}

// options reads body: a scalar is the value under valueKey; a mapping may
// hold valueKey and the listed options only.
func (t *translator) options(body *node, key, valueKey string, allowed ...string) (map[string]*node, bool) {
	if body.kind != kMap {
		return map[string]*node{valueKey: body}, true
	}
	out := map[string]*node{}
	ok := true
	for _, e := range body.entries {
		if e.key != valueKey && !contains(allowed, e.key) {
			t.fail(&node{line: e.line, col: e.col}, key+"."+e.key, ErrUnsupported, "option %q is not supported yet", e.key)
			ok = false
			continue
		}
		out[e.key] = e.value
	}
	if out[valueKey] == nil {
		t.fail(body, key, ErrInvalid, "missing %q", valueKey)
		return nil, false
	}
	return out, ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scalarText is a term value as Elasticsearch compares it: strings,
// numbers and booleans by their text.
func (t *translator) scalarText(n *node, key string) (string, bool) {
	switch n.kind {
	case kString, kInt, kFloat, kBool:
		return n.text, true
	}
	t.fail(n, key, ErrInvalid, "expected a string, number or boolean, got %s", n.describe())
	return "", false
}

// term is exact equality. Semantic gap: on a text field (message)
// Elasticsearch compares with one analyzed token, so `term: {message:
// Error}` never matches there; logstack matches the value as a phrase,
// case-insensitively.
func (t *translator) term(n *node, key string) query.Node {
	f, body, key, ok := t.fieldBody(n, key)
	if !ok {
		return nil
	}
	o, ok := t.options(body, key, "value", "boost")
	if !ok {
		return nil
	}
	v, ok := t.scalarText(o["value"], key)
	if !ok {
		return nil
	}
	return query.Term{Field: f, Value: v, Kind: query.Phrase}
}

// terms is any of the listed values (terms lookup is not supported).
func (t *translator) terms(n *node, key string) query.Node {
	f, body, key, ok := t.fieldBody(n, key)
	if !ok {
		return nil
	}
	if body.kind != kList || len(body.items) == 0 {
		return t.fail(body, key, ErrInvalid, "expected a non-empty list of values (terms lookup is not supported), got %s", body.describe())
	}
	var nodes []query.Node
	for _, it := range body.items {
		if v, ok := t.scalarText(it, key); ok {
			nodes = append(nodes, query.Term{Field: f, Value: v, Kind: query.Phrase})
		}
	}
	if len(nodes) != len(body.items) {
		return nil
	}
	return or(nodes)
}

// match analyzes the query into words, any of which must match (all with
// operator: and). Semantic gap: on a keyword field Elasticsearch compares
// the whole value; logstack compares word by word, so use term there.
func (t *translator) match(n *node, key string) query.Node {
	f, body, key, ok := t.fieldBody(n, key)
	if !ok {
		return nil
	}
	o, ok := t.options(body, key, "query", "operator")
	if !ok {
		return nil
	}
	v, ok := t.scalarText(o["query"], key)
	if !ok {
		return nil
	}
	all := false
	if op := o["operator"]; op != nil {
		switch strings.ToLower(op.text) {
		case "and":
			all = true
		case "or":
		default:
			return t.fail(op, key+".operator", ErrInvalid, "operator must be and or or, got %s", op.describe())
		}
	}
	var nodes []query.Node
	for _, w := range words(v) {
		nodes = append(nodes, query.Term{Field: f, Value: w, Kind: query.Word})
	}
	if len(nodes) == 0 {
		return query.Or{} // Elasticsearch: a query with no terms matches nothing
	}
	if all {
		return and(nodes)
	}
	return or(nodes)
}

// words splits like the standard analyzer: runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// matchPhrase matches consecutive words on text fields, the whole value
// elsewhere.
func (t *translator) matchPhrase(n *node, key string) query.Node {
	f, body, key, ok := t.fieldBody(n, key)
	if !ok {
		return nil
	}
	o, ok := t.options(body, key, "query")
	if !ok {
		return nil
	}
	v, ok := t.scalarText(o["query"], key)
	if !ok {
		return nil
	}
	return query.Term{Field: f, Value: v, Kind: query.Phrase}
}

// exists matches events with a value at field.
func (t *translator) exists(n *node, key string) query.Node {
	if n.kind != kMap || len(n.entries) != 1 || n.entries[0].key != "field" || n.entries[0].value.kind != kString {
		return t.fail(n, key, ErrInvalid, "expected {field: name}")
	}
	return query.Exists{Field: fieldName(n.entries[0].value.text)}
}
