package event

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Picker reads the values at a fixed set of dotted paths out of one event's
// JSON line in a single validating pass, without building the event's map.
// The indexer needs only a few columns of each queued line and stores the
// line itself, so decoding every field into maps (most of its CPU before)
// is wasted work. A Picker is safe for concurrent use.
type Picker struct {
	root  *pickNode
	nodes int
	paths int
	// unsupported is set when a path cannot be resolved the way Event.Get
	// resolves it (an empty segment); Pick then always defers.
	unsupported bool
}

// pickNode is one path segment; slot is the index in Pick's vals of the
// value ending there, -1 for a segment that only leads to others.
type pickNode struct {
	id       int
	slot     int
	children map[string]*pickNode
}

// maxPickDepth is the nesting beyond which Pick defers to a full decode
// rather than recurse further.
const maxPickDepth = 512

// NewPicker returns a Picker for paths; Pick's vals[i] is paths[i].
func NewPicker(paths []string) *Picker {
	p := &Picker{paths: len(paths)}
	p.root = p.newNode()
	for i, path := range paths {
		n := p.root
		for seg := range strings.SplitSeq(path, ".") {
			if seg == "" {
				p.unsupported = true
			}
			c := n.children[seg]
			if c == nil {
				c = p.newNode()
				if n.children == nil {
					n.children = map[string]*pickNode{}
				}
				n.children[seg] = c
			}
			n = c
		}
		if n.slot < 0 {
			n.slot = i
		} else {
			p.unsupported = true // the same path twice
		}
	}
	return p
}

func (p *Picker) newNode() *pickNode {
	p.nodes++
	return &pickNode{id: p.nodes - 1, slot: -1}
}

// Len is the number of paths, the length Pick's vals must have.
func (p *Picker) Len() int { return p.paths }

// Pick fills vals[i] with what Event.Get(paths[i]) returns on the event
// Parse decodes from line: a string, json.Number, bool or nil (absent or
// null). It reports false, leaving the caller to decode the event fully,
// when line is not exactly one valid JSON object (or nests deeper than
// Pick follows), when a picked value is an object or an array, or when a
// key makes Get's answer ambiguous for a picked path: the same key twice,
// or a literal dotted key ("event.id") for a path.
func (p *Picker) Pick(line []byte, vals []any) bool {
	clear(vals)
	if p.unsupported || len(vals) != p.paths {
		return false
	}
	s := picking{b: line, vals: vals}
	if p.nodes <= len(s.seenBuf) {
		s.seen = s.seenBuf[:p.nodes]
	} else {
		s.seen = make([]bool, p.nodes)
	}
	i := skipSpace(line, 0)
	if i == len(line) || line[i] != '{' {
		return false
	}
	end, ok := s.object(i, p.root, 1)
	return ok && skipSpace(line, end) == len(line)
}

// picking is the state of one Pick call.
type picking struct {
	b       []byte
	vals    []any
	seen    []bool
	seenBuf [64]bool
}

// value checks the JSON value starting at b[i] and returns the index after
// it; n is the path node it sits at, nil off every path.
func (s *picking) value(i int, n *pickNode, depth int) (int, bool) {
	if i >= len(s.b) {
		return i, false
	}
	picked := n != nil && n.slot >= 0
	switch c := s.b[i]; {
	case c == '{' || c == '[':
		if picked || depth >= maxPickDepth {
			return i, false
		}
		if c == '[' {
			return s.array(i, depth+1)
		}
		return s.object(i, n, depth+1)
	case c == '"':
		end, escaped, ok := scanString(s.b, i)
		if ok && picked {
			s.vals[n.slot], ok = stringValue(s.b[i:end], escaped)
		}
		return end, ok
	case c == 't':
		return s.literal(i, "true", true, picked, n)
	case c == 'f':
		return s.literal(i, "false", false, picked, n)
	case c == 'n':
		return s.literal(i, "null", nil, picked, n)
	}
	end, ok := scanNumber(s.b, i)
	if ok && picked {
		s.vals[n.slot] = json.Number(s.b[i:end])
	}
	return end, ok
}

func (s *picking) literal(i int, word string, v any, picked bool, n *pickNode) (int, bool) {
	if !bytes.HasPrefix(s.b[i:], []byte(word)) {
		return i, false
	}
	if picked {
		s.vals[n.slot] = v
	}
	return i + len(word), true
}

// object checks the object whose "{" is at b[i], picking the values of n's
// paths from it.
func (s *picking) object(i int, n *pickNode, depth int) (int, bool) {
	i = skipSpace(s.b, i+1)
	if i < len(s.b) && s.b[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(s.b) || s.b[i] != '"' {
			return i, false
		}
		end, escaped, ok := scanString(s.b, i)
		if !ok {
			return i, false
		}
		var child *pickNode
		if n != nil && n.children != nil {
			if child, ok = s.member(n, s.b[i:end], escaped); !ok {
				return i, false
			}
		}
		i = skipSpace(s.b, end)
		if i >= len(s.b) || s.b[i] != ':' {
			return i, false
		}
		if i, ok = s.value(skipSpace(s.b, i+1), child, depth); !ok {
			return i, false
		}
		i = skipSpace(s.b, i)
		switch {
		case i < len(s.b) && s.b[i] == ',':
			i = skipSpace(s.b, i+1)
		case i < len(s.b) && s.b[i] == '}':
			return i + 1, true
		default:
			return i, false
		}
	}
}

// member returns the path node a key (quoted, as in the line) leads to, or
// false when the key makes the pick ambiguous.
func (s *picking) member(n *pickNode, quoted []byte, escaped bool) (*pickNode, bool) {
	key := quoted[1 : len(quoted)-1]
	if escaped {
		k, ok := stringValue(quoted, true)
		if !ok {
			return nil, false
		}
		key = []byte(k.(string))
	}
	if child := n.children[string(key)]; child != nil {
		if s.seen[child.id] {
			return nil, false // a duplicate key: the decoder keeps the last
		}
		s.seen[child.id] = true
		return child, true
	}
	if bytes.IndexByte(key, '.') >= 0 && n.ends(string(key)) {
		return nil, false // Get would read this literal dotted key
	}
	return nil, true
}

// ends reports whether the dotted key leads from n to a picked path's end.
func (n *pickNode) ends(key string) bool {
	for seg := range strings.SplitSeq(key, ".") {
		if n = n.children[seg]; n == nil {
			return false
		}
	}
	return n.slot >= 0
}

// array checks the array whose "[" is at b[i]; nothing in it is picked.
func (s *picking) array(i int, depth int) (int, bool) {
	return scanArray(s.b, i, func(i int) (int, bool) { return s.value(i, nil, depth) })
}

// stringValue decodes a quoted JSON string; escapes go through
// encoding/json so that they mean exactly what they mean to Parse.
func stringValue(quoted []byte, escaped bool) (any, bool) {
	if !escaped {
		return string(quoted[1 : len(quoted)-1]), true
	}
	var v string
	if err := json.Unmarshal(quoted, &v); err != nil {
		return nil, false
	}
	return v, true
}
