package rule

import (
	"github.com/goccy/go-yaml/ast"
)

// converter turns goccy's AST into nodes, reporting what rule files never
// need (aliases, custom tags, non-string keys).
type converter struct {
	file  string
	probs []error
}

func (c *converter) fail(n ast.Node, format string, args ...any) {
	p := posOf(n)
	c.probs = append(c.probs, &Problem{File: c.file, Line: p.line, Col: p.col, Err: errorf(ErrUnsupported, format, args...)})
}

func (c *converter) convert(n ast.Node, depth int) *node {
	p := posOf(n)
	out := &node{line: p.line, col: p.col}
	if depth > maxDepth {
		c.fail(n, "nesting deeper than %d levels", maxDepth)
		return out
	}
	switch t := n.(type) {
	case nil, *ast.NullNode:
	case *ast.AnchorNode:
		return c.convert(t.Value, depth+1)
	case *ast.TagNode:
		switch t.Start.Value {
		case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq":
			return c.convert(t.Value, depth+1)
		}
		c.fail(n, "YAML tag %s is not supported in rule files", t.Start.Value)
	case *ast.AliasNode:
		c.fail(n, "YAML aliases are not supported in rule files; write the value out")
	case *ast.StringNode:
		out.kind, out.text = kString, t.Value
	case *ast.LiteralNode:
		out.kind = kString
		if t.Value != nil {
			out.text = t.Value.Value
		}
	case *ast.IntegerNode:
		out.kind, out.text = kInt, t.GetToken().Value
		switch v := t.Value.(type) {
		case int64:
			out.num = float64(v)
		case uint64:
			out.num = float64(v)
		case int:
			out.num = float64(v)
		}
	case *ast.FloatNode:
		out.kind, out.text, out.num = kFloat, t.GetToken().Value, t.Value
	case *ast.InfinityNode, *ast.NanNode:
		out.kind, out.text = kFloat, t.GetToken().Value
		c.fail(n, "infinite or NaN numbers are not allowed")
	case *ast.BoolNode:
		out.kind, out.text, out.boolean = kBool, t.GetToken().Value, t.Value
	case *ast.SequenceNode:
		out.kind = kList
		for _, item := range t.Values {
			out.items = append(out.items, c.convert(item, depth+1))
		}
	case *ast.MappingNode:
		out.kind = kMap
		for _, mv := range t.Values {
			c.mapping(out, mv, depth)
		}
	case *ast.MappingValueNode:
		out.kind = kMap
		c.mapping(out, t, depth)
	default:
		c.fail(n, "unsupported YAML value %s", n.Type())
	}
	return out
}

// mapping adds one key to out, refusing merge keys and duplicates.
func (c *converter) mapping(out *node, mv *ast.MappingValueNode, depth int) {
	if mv == nil || mv.Key == nil {
		return
	}
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		c.fail(mv.Key, "YAML merge keys (<<) are not supported in rule files")
		return
	}
	var kn ast.Node = mv.Key
	if mk, ok := kn.(*ast.MappingKeyNode); ok {
		kn = mk.Value
	}
	key := c.convert(kn, depth+1)
	if key.kind != kString && key.kind != kInt && key.kind != kBool {
		c.fail(mv.Key, "keys must be plain strings")
		return
	}
	for _, e := range out.entries {
		if e.key == key.text {
			c.probs = append(c.probs, &Problem{File: c.file, Line: key.line, Col: key.col, Path: key.text,
				Err: errorf(ErrInvalid, "duplicate key (first at line %d)", e.line)})
			return
		}
	}
	out.entries = append(out.entries, entry{key: key.text, line: key.line, col: key.col, value: c.convert(mv.Value, depth+1)})
}
