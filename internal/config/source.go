package config

import (
	"github.com/logstack/logstack/internal/yamlsrc"

	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
)

// source is one parsed config file.
type source struct {
	name    string                      // the path as shown in problems
	lines   []string                    // the raw text by line, to locate tokens
	body    ast.Node                    // the document's root; nil for an empty file
	aliases map[*ast.AliasNode]ast.Node // what each alias refers to
}

// parseSource parses raw as a single YAML document. Tokens are masked
// first (see mask) so that unquoted @@KEY@@ and ${VAR} in flow collections
// parse as plain scalars.
func parseSource(name string, raw []byte) (*source, []error) {
	if line, col, bad := badRune(raw); bad {
		return nil, []error{&Problem{File: name, Line: line, Col: col, Err: errorf(ErrSyntax, "file is not valid UTF-8 or holds a reserved character (U+E000-U+E0FF)")}}
	}
	file, err := yamlsrc.Parse(mask(raw))
	if err != nil {
		return nil, []error{syntaxProblem(name, err)}
	}
	src := &source{name: name, lines: strings.Split(string(raw), "\n")}
	var docs []*ast.DocumentNode
	for _, d := range file.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) > 1 {
		pos := tokenPos(docs[1].Body)
		return nil, []error{&Problem{File: name, Line: pos.line, Col: pos.col, Err: errorf(ErrSyntax, "more than one YAML document; a config file holds exactly one")}}
	}
	if len(docs) == 1 {
		src.body = docs[0].Body
		src.aliases = bindAliases(src.body)
	}
	return src, nil
}

// syntaxProblem locates a parser error.
func syntaxProblem(name string, err error) *Problem {
	msg, line, col := yamlsrc.SyntaxError(err)
	return &Problem{File: name, Line: line, Col: col, Err: errorf(ErrSyntax, "%s", unmask(msg))}
}

// badRune finds the first invalid UTF-8 sequence or masking rune in raw.
func badRune(raw []byte) (line, col int, bad bool) {
	line, col = 1, 1
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if (r == utf8.RuneError && size == 1) || isMaskRune(r) {
			return line, col, true
		}
		raw = raw[size:]
		col++
		if r == '\n' {
			line, col = line+1, 1
		}
	}
	return 0, 0, false
}

// bindAliases resolves every alias to the anchor defined before it, in
// document order as YAML requires.
func bindAliases(root ast.Node) map[*ast.AliasNode]ast.Node {
	b := &aliasBinder{anchors: map[string]ast.Node{}, aliases: map[*ast.AliasNode]ast.Node{}}
	ast.Walk(b, root)
	return b.aliases
}

type aliasBinder struct {
	anchors map[string]ast.Node
	aliases map[*ast.AliasNode]ast.Node
}

// Visit records anchors and binds aliases as the walk meets them.
func (b *aliasBinder) Visit(n ast.Node) ast.Visitor {
	switch n := n.(type) {
	case nil:
		return nil
	case *ast.AnchorNode:
		if n.Name != nil {
			b.anchors[nodeText(n.Name)] = n.Value
		}
	case *ast.AliasNode:
		if n.Value != nil {
			if target, ok := b.anchors[nodeText(n.Value)]; ok {
				b.aliases[n] = target
			}
		}
	}
	return b
}

// nodeText is the token text of a name node.
func nodeText(n ast.Node) string {
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// pos is a 1-based line and column.
type pos struct{ line, col int }

// tokenPos is where n starts; a mapping starts at its first key.
func tokenPos(n ast.Node) pos {
	switch m := n.(type) {
	case *ast.MappingNode:
		if len(m.Values) > 0 && m.Values[0] != nil && m.Values[0].Key != nil {
			return tokenPos(m.Values[0].Key)
		}
	case *ast.MappingValueNode:
		if m.Key != nil {
			return tokenPos(m.Key)
		}
	}
	if n == nil {
		return pos{}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return pos{}
	}
	return pos{tk.Position.Line, tk.Position.Column}
}

// locate finds the token text tok (e.g. "${HOME}") in the raw lines of the
// scalar that starts at p and spans up to span lines, so a problem points at
// the token itself; it falls back to p.
func (s *source) locate(p pos, span int, tok string) pos {
	for i := 0; i < span && p.line-1+i < len(s.lines); i++ {
		line := s.lines[p.line-1+i]
		from := 0
		if i == 0 {
			from = byteOffset(line, p.col-1)
		}
		if j := strings.Index(line[from:], tok); j >= 0 {
			return pos{p.line + i, utf8.RuneCountInString(line[:from+j]) + 1}
		}
	}
	return p
}

// byteOffset converts a 0-based rune column to a byte offset in line.
func byteOffset(line string, runes int) int {
	for i := range line {
		if runes == 0 {
			return i
		}
		runes--
	}
	return len(line)
}
