package rule

import (
	"errors"
	"sort"
	"strings"

	"github.com/logstack/logstack/internal/query"
)

// ParseFilter translates an ElastAlert2 filter list, given as YAML (the
// value of a rule's filter key), into a query AST; file names the source
// in problems. It is Load's filter step on its own, for tools and fuzzing.
func ParseFilter(file string, yamlList []byte) (query.Node, error) {
	root, err := parseYAML(file, yamlList)
	if err != nil {
		return nil, err
	}
	t := &translator{file: file}
	n := t.list(root, "filter")
	if len(t.probs) > 0 {
		return nil, errors.Join(t.probs...)
	}
	return n, nil
}

func (l *loader) filter(e *entry) {
	t := &translator{file: l.file}
	n := t.list(e.value, "filter")
	l.probs = append(l.probs, t.probs...)
	if n != nil && len(t.probs) == 0 {
		l.r.Filter = n
	}
}

// translator turns filter clauses into AST nodes, collecting problems.
// ElastAlert2 puts the filter list in an Elasticsearch filter context:
// every item must match, and scores play no part.
type translator struct {
	file  string
	probs []error
}

func (t *translator) fail(n *node, key string, kind error, format string, args ...any) query.Node {
	t.probs = append(t.probs, &Problem{File: t.file, Line: n.line, Col: n.col, Path: key, Err: errorf(kind, format, args...)})
	return nil
}

// list translates a filter list: all items must match. A null or empty
// list matches everything.
func (t *translator) list(n *node, key string) query.Node {
	switch n.kind {
	case kNull:
		return query.MatchAll{}
	case kMap:
		return t.clause(n, key) // a single clause, as bool accepts
	case kList:
	default:
		return t.fail(n, key, ErrInvalid, "expected a list of query clauses, got %s", n.describe())
	}
	var nodes []query.Node
	for i, it := range n.items {
		if c := t.clause(it, key+"["+itoa(i)+"]"); c != nil {
			nodes = append(nodes, c)
		}
	}
	return and(nodes)
}

// clauseFuncs translate each supported query type.
var clauseFuncs map[string]func(*translator, *node, string) query.Node

func init() {
	clauseFuncs = map[string]func(*translator, *node, string) query.Node{
		"query_string": (*translator).queryString,
		"term":         (*translator).term,
		"terms":        (*translator).terms,
		"match":        (*translator).match,
		"match_phrase": (*translator).matchPhrase,
		"range":        (*translator).rangeQuery,
		"exists":       (*translator).exists,
		"wildcard":     (*translator).wildcard,
		"prefix":       (*translator).prefix,
		"bool":         (*translator).boolQuery,
		"match_all":    (*translator).matchAll,
		"query":        (*translator).legacyQuery,
	}
}

// clause translates one {type: body} mapping.
func (t *translator) clause(n *node, key string) query.Node {
	if n.kind != kMap || len(n.entries) != 1 {
		return t.fail(n, key, ErrInvalid, "expected a query clause with exactly one key such as term or query_string, got %s", shape(n))
	}
	e := n.entries[0]
	at := &node{line: e.line, col: e.col}
	sub := key + "." + e.key
	f, ok := clauseFuncs[e.key]
	if !ok {
		return t.fail(at, sub, ErrUnsupported, "query type %q is not supported yet (supported: %s)", e.key, supportedClauses())
	}
	if e.value.line == 0 {
		e.value.line, e.value.col = e.line, e.col
	}
	return f(t, e.value, sub)
}

// legacyQuery unwraps ElastAlert's `query: {query_string: ...}` form.
func (t *translator) legacyQuery(n *node, key string) query.Node {
	return t.clause(n, key)
}

func (t *translator) matchAll(n *node, key string) query.Node {
	if n.kind != kNull && (n.kind != kMap || len(n.entries) > 0) {
		return t.fail(n, key, ErrUnsupported, "match_all options are not supported")
	}
	return query.MatchAll{}
}

func supportedClauses() string {
	names := make([]string, 0, len(clauseFuncs))
	for k := range clauseFuncs {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// shape describes a node for "expected a clause" messages.
func shape(n *node) string {
	if n.kind == kMap {
		return itoa(len(n.entries)) + " keys"
	}
	return n.describe()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// and builds a flat conjunction; no node matches everything.
func and(nodes []query.Node) query.Node {
	var flat []query.Node
	for _, n := range nodes {
		switch c := n.(type) {
		case query.MatchAll:
			continue
		case query.And:
			flat = append(flat, c.Nodes...)
		default:
			flat = append(flat, n)
		}
	}
	switch len(flat) {
	case 0:
		return query.MatchAll{}
	case 1:
		return flat[0]
	}
	return query.And{Nodes: flat}
}

// or builds a flat disjunction.
func or(nodes []query.Node) query.Node {
	var flat []query.Node
	for _, n := range nodes {
		switch c := n.(type) {
		case query.MatchAll:
			return query.MatchAll{}
		case query.Or:
			flat = append(flat, c.Nodes...)
		default:
			flat = append(flat, n)
		}
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return query.Or{Nodes: flat}
}
