package rule

import (
	"github.com/logstack/logstack/internal/yamlsrc"

	"errors"
	"strconv"

	"github.com/goccy/go-yaml/ast"
)

// kind is the shape of a YAML value.
type kind int

const (
	kNull kind = iota
	kString
	kInt
	kFloat
	kBool
	kMap
	kList
)

// node is a YAML value with its position. The loader and the filter
// translator walk this small tree instead of goccy's AST so that every
// problem can name its line without threading the AST through.
type node struct {
	kind    kind
	line    int
	col     int
	text    string  // scalars, as written (strings unquoted)
	num     float64 // kInt, kFloat
	boolean bool    // kBool
	entries []entry // kMap, in file order
	items   []*node // kList
}

// entry is one key of a mapping.
type entry struct {
	key       string
	line, col int
	value     *node
}

// describe names the shape for type errors.
func (n *node) describe() string {
	switch n.kind {
	case kNull:
		return "null"
	case kString:
		return "string " + strconv.Quote(n.text)
	case kInt:
		return "integer " + n.text
	case kFloat:
		return "number " + n.text
	case kBool:
		return "boolean " + n.text
	case kMap:
		return "a mapping"
	}
	return "a list"
}

// maxDepth bounds nesting, which a hostile file can make deep.
const maxDepth = 64

// parseYAML parses one document into a node tree. A file with no
// document yields a null node.
func parseYAML(file string, raw []byte) (*node, error) {
	f, err := yamlsrc.Parse(raw)
	if err != nil {
		return nil, syntaxProblem(file, err)
	}
	var body ast.Node
	for _, d := range f.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		if body != nil {
			p := posOf(d.Body)
			return nil, &Problem{File: file, Line: p.line, Col: p.col, Err: errorf(ErrSyntax, "more than one YAML document; a rule file holds exactly one rule")}
		}
		body = d.Body
	}
	c := converter{file: file}
	n := c.convert(body, 0)
	return n, errors.Join(c.probs...)
}

// syntaxProblem locates a parser error.
func syntaxProblem(file string, err error) *Problem {
	msg, line, col := yamlsrc.SyntaxError(err)
	return &Problem{File: file, Line: line, Col: col, Err: errorf(ErrSyntax, "%s", msg)}
}

type pos struct{ line, col int }

// posOf is where n starts; a mapping starts at its first key.
func posOf(n ast.Node) pos {
	switch m := n.(type) {
	case nil:
		return pos{}
	case *ast.MappingNode:
		if len(m.Values) > 0 && m.Values[0] != nil && m.Values[0].Key != nil {
			return posOf(m.Values[0].Key)
		}
	case *ast.MappingValueNode:
		if m.Key != nil {
			return posOf(m.Key)
		}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return pos{}
	}
	return pos{tk.Position.Line, tk.Position.Column}
}

// plain converts a node to Go values: string, float64, bool, nil, []any
// or map[string]any.
func (n *node) plain() any {
	switch n.kind {
	case kString:
		return n.text
	case kInt, kFloat:
		return n.num
	case kBool:
		return n.boolean
	case kList:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.plain()
		}
		return out
	case kMap:
		out := make(map[string]any, len(n.entries))
		for _, e := range n.entries {
			out[e.key] = e.value.plain()
		}
		return out
	}
	return nil
}
