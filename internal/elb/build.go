package elb

import (
	"strings"

	"github.com/logstack/logstack/internal/event"
)

// builder fills a nested event. It remembers the object created for each
// dotted prefix ("aws.elb.backend"), so setting forty fields walks no map
// twice; it lives on the caller's stack.
type builder struct {
	root  event.Event
	cache [24]struct {
		prefix string
		obj    map[string]any
	}
	n int
}

func newBuilder() builder { return builder{root: make(event.Event, 12)} }

// obj returns the object at prefix, creating it and its parents.
func (b *builder) obj(prefix string) map[string]any {
	if prefix == "" {
		return b.root
	}
	for i := b.n - 1; i >= 0; i-- {
		if b.cache[i].prefix == prefix {
			return b.cache[i].obj
		}
	}
	parent, leaf := map[string]any(b.root), prefix
	if i := strings.LastIndexByte(prefix, '.'); i >= 0 {
		parent, leaf = b.obj(prefix[:i]), prefix[i+1:]
	}
	m, ok := parent[leaf].(map[string]any)
	if !ok {
		m = make(map[string]any, sizeHint(prefix))
		parent[leaf] = m
	}
	if b.n < len(b.cache) {
		b.cache[b.n].prefix, b.cache[b.n].obj = prefix, m
		b.n++
	}
	return m
}

// sizeHint is how many keys the objects that hold more than a few get, so
// that filling them never grows a map (3 allocations and 900 bytes less per
// ALB line).
func sizeHint(prefix string) int {
	switch prefix {
	case "aws.elb":
		return 24
	case "event":
		return 8
	}
	return 4
}

// set stores an already boxed value, so a value stored twice (@timestamp
// and event.end) is boxed once.
func (b *builder) set(prefix, key string, v any) { b.obj(prefix)[key] = v }

// str sets a string field unless the log says it is absent ("-" or empty).
func (b *builder) str(prefix, key, v string) {
	if v == "-" || v == "" {
		return
	}
	b.obj(prefix)[key] = boxString(v)
}

// num sets a number field from text the caller has validated.
func (b *builder) num(prefix, key, v string) {
	b.obj(prefix)[key] = boxNumber(v)
}

// list sets an array of the sep-separated parts of v unless v is absent.
func (b *builder) list(prefix, key, v string, sep byte, numbers bool) {
	if v == "-" || v == "" {
		return
	}
	n := strings.Count(v, string(sep)) + 1
	out := make([]any, 0, n)
	for part := range strings.SplitSeq(v, string(sep)) {
		if part == "" || part == "-" {
			continue
		}
		if numbers && isUint(part) {
			out = append(out, boxNumber(part))
		} else {
			out = append(out, boxString(part))
		}
	}
	if len(out) > 0 {
		b.obj(prefix)[key] = out
	}
}
