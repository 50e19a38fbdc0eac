package esfake

import (
	"encoding/json"
	"strings"
)

// sourceFilter is the _source option of a search: off, or includes and
// excludes patterns on dotted paths.
type sourceFilter struct {
	off      bool
	includes []string
	excludes []string
}

func parseSourceFilter(body any, query string) sourceFilter {
	if body == nil && query != "" {
		if b, ok := boolValue(query); ok {
			return sourceFilter{off: !b}
		}
		return sourceFilter{includes: strings.Split(query, ",")}
	}
	switch x := body.(type) {
	case bool:
		return sourceFilter{off: !x}
	case string, []any:
		return sourceFilter{includes: stringList(x)}
	case map[string]any:
		inc := stringList(x["includes"])
		if inc == nil {
			inc = stringList(x["include"])
		}
		exc := stringList(x["excludes"])
		if exc == nil {
			exc = stringList(x["exclude"])
		}
		return sourceFilter{includes: inc, excludes: exc}
	}
	return sourceFilter{}
}

// apply returns the source to show, false when _source is off.
func (f sourceFilter) apply(src json.RawMessage) (any, bool) {
	if f.off {
		return nil, false
	}
	if len(f.includes) == 0 && len(f.excludes) == 0 {
		return src, true
	}
	var obj map[string]any
	if err := json.Unmarshal(src, &obj); err != nil {
		return src, true
	}
	return f.filter("", obj), true
}

func (f sourceFilter) filter(prefix string, obj map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range obj {
		path := joinPath(prefix, k)
		if matchesAny(f.excludes, path) {
			continue
		}
		if sub, ok := v.(map[string]any); ok {
			switch {
			case f.included(path) && !mayMatchBelow(f.excludes, path):
				out[k] = v
			case f.included(path) || mayMatchBelow(f.includes, path):
				if kept := f.filter(path, sub); len(kept) > 0 {
					out[k] = kept
				}
			}
			continue
		}
		if f.included(path) {
			out[k] = v
		}
	}
	return out
}

// included reports whether path (or a parent of it) is included.
func (f sourceFilter) included(path string) bool {
	if len(f.includes) == 0 {
		return true
	}
	for p := path; ; {
		if matchesAny(f.includes, p) {
			return true
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// mayMatchBelow reports whether one of patterns can match a path below
// path.
func mayMatchBelow(patterns []string, path string) bool {
	for _, p := range patterns {
		if strings.HasPrefix(p, path+".") || strings.Contains(p, "*") {
			return true
		}
	}
	return false
}
