package httpin

import (
	"strings"
)

// applyFilterPath keeps the parts of doc (decoded JSON) that Elasticsearch's
// filter_path parameter selects: comma-separated dotted paths whose segments
// may contain "*" wildcards, arrays being transparent. Filebeat and Logstash
// send filter_path=errors,items.*.error,items.*.status on every bulk
// request; exclusions ("-path") and "**" are not supported and select
// nothing.
func applyFilterPath(doc any, spec string) any {
	var paths [][]string
	for _, p := range strings.Split(spec, ",") {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "-") {
			continue
		}
		paths = append(paths, strings.Split(p, "."))
	}
	out, ok := filterValue(doc, paths)
	if !ok {
		return map[string]any{}
	}
	return out
}

// filterValue returns what of v the remaining path segments select, and
// whether anything was.
func filterValue(v any, paths [][]string) (any, bool) {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, child := range t {
			whole, rest := advance(paths, k)
			if whole {
				out[k] = child
			} else if sub, ok := filterValue(child, rest); ok {
				out[k] = sub
			}
		}
		return out, len(out) > 0
	case []any:
		var out []any
		for _, el := range t {
			if sub, ok := filterValue(el, paths); ok {
				out = append(out, sub)
			}
		}
		return out, len(out) > 0
	}
	return nil, false
}

// advance matches key against the first segment of every path: whole is
// true when a path ends there, rest holds the remainders of the others.
func advance(paths [][]string, key string) (whole bool, rest [][]string) {
	for _, p := range paths {
		if len(p) == 0 || !globMatch(p[0], key) {
			continue
		}
		if len(p) == 1 {
			return true, nil
		}
		rest = append(rest, p[1:])
	}
	return false, rest
}

// globMatch matches s against pattern, where "*" stands for any run of
// characters. It backtracks only to the last star, so a hostile pattern
// costs O(len(pattern)*len(s)), not exponential time.
func globMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			mark++
			p, i = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
