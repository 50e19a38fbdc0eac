package lint

import (
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Lines maps dotted keys ("threshold", "metric.statistic") of a file's
// top-level mapping, and of the mappings nested one level below it, to
// their line numbers. The loaders do not keep positions on the loaded
// values, so lint reads them again from the text.
type Lines map[string]int

// At returns the line of key, else of fallback keys in order, else 1 (the
// file itself), so every finding points somewhere.
func (l Lines) At(key string, fallback ...string) int {
	for _, k := range append([]string{key}, fallback...) {
		if n, ok := l[k]; ok {
			return n
		}
	}
	return 1
}

// keyLines parses data and records the lines of its keys; a file the
// parser refuses yields no lines (the loader reports why).
func keyLines(data []byte) (lines Lines) {
	lines = Lines{}
	defer func() {
		if recover() != nil { // goccy can panic on hostile input
			lines = Lines{}
		}
	}()
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return lines
	}
	for _, doc := range file.Docs {
		if doc != nil && doc.Body != nil {
			record(lines, "", doc.Body, 2)
			return lines
		}
	}
	return lines
}

// record adds the keys of mapping n under prefix, depth levels deep.
func record(lines Lines, prefix string, n ast.Node, depth int) {
	if depth == 0 {
		return
	}
	m, ok := n.(ast.MapNode)
	if !ok {
		return
	}
	it := m.MapRange()
	for it.Next() {
		k, v := it.Key(), it.Value()
		key := k.String()
		if prefix != "" {
			key = prefix + "." + key
		}
		if tk := k.GetToken(); tk != nil && tk.Position != nil {
			lines[key] = tk.Position.Line
		}
		record(lines, key, v, depth-1)
	}
}
