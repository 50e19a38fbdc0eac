package config

import (
	"slices"

	"github.com/goccy/go-yaml/ast"
)

// entry is one key of a mapping after merge keys are applied.
type entry struct {
	key   string
	pos   pos // where the key is
	value ast.Node
}

// resolve follows anchors, aliases and core-schema tags to the node that
// holds the value; it returns nil for null and for problems it reported.
func (d *decoder) resolve(path string, n ast.Node) ast.Node {
	for range 64 {
		switch t := n.(type) {
		case nil, *ast.NullNode:
			return nil
		case *ast.AnchorNode:
			n = t.Value
		case *ast.AliasNode:
			target, ok := d.src.aliases[t]
			if !ok {
				d.add(tokenPos(t), path, errorf(ErrSyntax, "alias refers to an undefined anchor"))
				return nil
			}
			n = target
		case *ast.TagNode:
			if !coreTag(t) {
				d.add(tokenPos(t), path, errorf(ErrType, "unsupported tag %s", nodeText(t)))
				return nil
			}
			n = t.Value
		default:
			return n
		}
	}
	d.add(tokenPos(n), path, errorf(ErrSyntax, "too many nested anchors, aliases or tags"))
	return nil
}

// coreTag reports whether a tag is one of YAML's core schema tags, which
// only restate what the value already is.
func coreTag(t *ast.TagNode) bool {
	switch nodeText(t) {
	case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq":
		return true
	}
	return false
}

// entries lists a mapping's keys with YAML merge keys ("<<: *base")
// applied: a key written in the mapping wins over a merged one, and among
// merged mappings the earlier wins. ok is false when n is not a mapping.
func (d *decoder) entries(path string, n ast.Node) ([]entry, bool) {
	if d.budget--; d.budget < 0 {
		if d.budget == -1 {
			d.add(tokenPos(n), path, errorf(ErrSyntax, "too many mappings after expanding aliases and merge keys"))
		}
		return nil, true
	}
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		if slices.Contains(d.merging, m) {
			d.add(tokenPos(m), path, errorf(ErrSyntax, "merge key includes its own mapping"))
			return nil, true
		}
		d.merging = append(d.merging, m)
		defer func() { d.merging = d.merging[:len(d.merging)-1] }()
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		return nil, false
	}
	var own, merged []entry
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		if _, isMerge := mv.Key.(*ast.MergeKeyNode); isMerge {
			merged = append(merged, d.mergedEntries(path, mv.Value, 0)...)
			continue
		}
		key, ok := keyText(mv.Key)
		if !ok {
			d.add(tokenPos(mv.Key), path, errorf(ErrType, "keys must be plain strings"))
			continue
		}
		own = append(own, entry{key: key, pos: tokenPos(mv.Key), value: mv.Value})
	}
	return combine(own, merged), true
}

// mergedEntries expands the value of a merge key: a mapping, or a list of
// mappings. depth counts nested lists, which an alias can make endless.
func (d *decoder) mergedEntries(path string, n ast.Node, depth int) []entry {
	n = d.resolve(path, n)
	if n == nil {
		return nil
	}
	if seq, ok := n.(*ast.SequenceNode); ok {
		if depth > 0 {
			d.add(tokenPos(seq), path, errorf(ErrType, "a merge key (<<) takes a mapping or a list of mappings, not a list of lists"))
			return nil
		}
		var out []entry
		for _, item := range seq.Values {
			out = append(out, d.mergedEntries(path, item, depth+1)...)
		}
		return out
	}
	es, ok := d.entries(path, n)
	if !ok {
		d.add(tokenPos(n), path, errorf(ErrType, "a merge key (<<) takes a mapping or a list of mappings"))
	}
	return es
}

// combine keeps every own entry and the first merged entry of each key
// not written in the mapping itself.
func combine(own, merged []entry) []entry {
	if len(merged) == 0 {
		return own
	}
	seen := map[string]bool{}
	for _, e := range own {
		seen[e.key] = true
	}
	var out []entry
	for _, e := range merged {
		if !seen[e.key] {
			seen[e.key] = true
			out = append(out, e)
		}
	}
	return append(out, own...)
}

// keyText returns a scalar key's text.
func keyText(k ast.MapKeyNode) (string, bool) {
	var n ast.Node = k
	if mk, ok := k.(*ast.MappingKeyNode); ok {
		n = mk.Value
	}
	sc, ok := scalarOf(n)
	if !ok {
		return "", false
	}
	return sc.text, true
}
