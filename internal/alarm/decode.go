package alarm

import (
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// pos is a line and column in the alarm file.
type pos struct{ line, col int }

// decoder walks an alarm file's AST, checking keys and types and
// remembering where each key was so that validation can point at it. It
// follows internal/config's approach (decode.go there) on a smaller schema.
type decoder struct {
	file  string
	seen  map[string]pos // dotted key -> where it was written
	probs []error
}

// addAt records a problem at p.
func (d *decoder) addAt(p pos, path string, err error) {
	d.probs = append(d.probs, &Problem{File: d.file, Line: p.line, Col: p.col, Path: path, Err: err})
}

// failed reports whether decoding path (or a key under it) already failed.
func (d *decoder) failed(path string) bool {
	for _, e := range d.probs {
		if p, ok := e.(*Problem); ok && (p.Path == path || strings.HasPrefix(p.Path, path+".")) {
			return true
		}
	}
	return false
}

// locate returns where path (or its closest written parent) was written.
func (d *decoder) locate(path string) pos {
	for p := path; p != ""; {
		if at, ok := d.seen[p]; ok {
			return at
		}
		i := lastDot(p)
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return pos{}
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// keyed is one key of a mapping with its value.
type keyed struct {
	key   string
	at    pos
	value ast.Node
}

// mapping lists a mapping's keys; it reports non-mappings, duplicate keys
// and non-string keys and skips them.
func (d *decoder) mapping(path string, n ast.Node) ([]keyed, bool) {
	var values []*ast.MappingValueNode
	switch m := unwrap(n).(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.addAt(posOf(n), path, errorf(ErrType, "expected a mapping, got %s", kindOf(n)))
		return nil, false
	}
	var out []keyed
	dup := map[string]bool{}
	for _, mv := range values {
		k, ok := unwrap(mv.Key).(*ast.StringNode)
		at := posOf(mv.Key)
		if !ok {
			d.addAt(at, path, errorf(ErrType, "keys must be plain strings"))
			continue
		}
		if dup[k.Value] {
			d.addAt(at, join(path, k.Value), errorf(ErrInvalid, "duplicate key"))
			continue
		}
		dup[k.Value] = true
		d.seen[join(path, k.Value)] = at
		out = append(out, keyed{k.Value, at, mv.Value})
	}
	return out, true
}

// unwrap skips comments and anchors; aliases and tags are left for the
// type checks to reject (an alarm file has no use for them).
func unwrap(n ast.Node) ast.Node {
	for range 16 {
		switch t := n.(type) {
		case *ast.AnchorNode:
			n = t.Value
		case *ast.CommentGroupNode:
			return nil
		default:
			return n
		}
	}
	return n
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// posOf returns where a node starts.
func posOf(n ast.Node) pos {
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		n = mv.Key
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && m.Values[0].Key != nil {
		n = m.Values[0].Key
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

// kindOf names a node's YAML type for messages.
func kindOf(n ast.Node) string {
	switch unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.AliasNode:
		return "an alias (not supported in alarm files)"
	case *ast.TagNode:
		return "a tagged value (not supported in alarm files)"
	}
	return "an unsupported value"
}

// str decodes a string scalar.
func (d *decoder) str(path string, n ast.Node) (string, bool) {
	switch s := unwrap(n).(type) {
	case *ast.StringNode:
		return s.Value, true
	case *ast.LiteralNode:
		return s.Value.Value, true
	}
	d.addAt(posOf(n), path, errorf(ErrType, "expected a string, got %s", kindOf(n)))
	return "", false
}

// number decodes an integer or float scalar.
func (d *decoder) number(path string, n ast.Node) (float64, bool) {
	switch v := unwrap(n).(type) {
	case *ast.IntegerNode:
		f, err := strconv.ParseFloat(v.GetToken().Value, 64)
		if err == nil {
			return f, true
		}
	case *ast.FloatNode:
		return v.Value, true
	}
	d.addAt(posOf(n), path, errorf(ErrType, "expected a number, got %s", kindOf(n)))
	return 0, false
}

// integer decodes a non-negative integer that fits an int.
func (d *decoder) integer(path string, n ast.Node) (int, bool) {
	if v, ok := unwrap(n).(*ast.IntegerNode); ok {
		i, err := strconv.ParseInt(v.GetToken().Value, 0, 32)
		if err == nil && i >= 0 {
			return int(i), true
		}
		d.addAt(posOf(n), path, errorf(ErrInvalid, "expected a small non-negative integer, got %s", v.GetToken().Value))
		return 0, false
	}
	d.addAt(posOf(n), path, errorf(ErrType, "expected an integer, got %s", kindOf(n)))
	return 0, false
}

// boolean decodes true or false.
func (d *decoder) boolean(path string, n ast.Node) (bool, bool) {
	if v, ok := unwrap(n).(*ast.BoolNode); ok {
		return v.Value, true
	}
	d.addAt(posOf(n), path, errorf(ErrType, "expected true or false, got %s", kindOf(n)))
	return false, false
}

// duration decodes "1m", "5m", "1h" or a number of seconds (CloudWatch's
// Period is in seconds).
func (d *decoder) duration(path string, n ast.Node) (time.Duration, bool) {
	if v, ok := unwrap(n).(*ast.IntegerNode); ok {
		s, err := strconv.ParseInt(v.GetToken().Value, 10, 32)
		if err == nil && s > 0 {
			return time.Duration(s) * time.Second, true
		}
	}
	s, ok := unwrap(n).(*ast.StringNode)
	if ok {
		if dur, err := time.ParseDuration(s.Value); err == nil && dur > 0 {
			return dur, true
		}
	}
	d.addAt(posOf(n), path, errorf(ErrInvalid, "expected a positive duration such as 1m or a number of seconds, got %s", nodeText(n)))
	return 0, false
}

// strings decodes a list of strings.
func (d *decoder) strings(path string, n ast.Node) []string {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		d.addAt(posOf(n), path, errorf(ErrType, "expected a list of strings, got %s", kindOf(n)))
		return nil
	}
	out := make([]string, 0, len(seq.Values))
	for i, item := range seq.Values {
		if s, ok := d.str(path+"["+strconv.Itoa(i)+"]", item); ok {
			out = append(out, s)
		}
	}
	return out
}

func nodeText(n ast.Node) string {
	if n == nil {
		return "null"
	}
	if tk := n.GetToken(); tk != nil {
		return strconv.Quote(tk.Value)
	}
	return kindOf(n)
}
