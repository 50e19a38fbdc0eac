package esfake

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sort"
	"strings"
	"time"
)

// index is one index: settings, mapping and documents.
type index struct {
	name       string
	uuid       string
	created    time.Time
	settings   map[string]any // flattened index settings without the "index." prefix
	mapping    *mapping
	docs       map[string]*document
	dataStream string
}

func (ix *index) replicas() string {
	if r, ok := stringValue(ix.settings["number_of_replicas"]); ok {
		return r
	}
	return "1"
}

func (ix *index) shards() string {
	if r, ok := stringValue(ix.settings["number_of_shards"]); ok {
		return r
	}
	return "1"
}

// fieldLimit is index.mapping.total_fields.limit.
func (ix *index) fieldLimit() int {
	if n, ok := intValue(ix.settings["mapping.total_fields.limit"]); ok {
		return n
	}
	return 1000
}

func newUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return strings.TrimRight(base64.URLEncoding.EncodeToString(b), "=")[:22]
}

// validIndexName checks an index name as index creation does.
func validIndexName(name string) *esError {
	bad := func(why string) *esError {
		return newErr("invalid_index_name_exception", "Invalid index name [%s], %s", name, why).
			with("index", name).with("index_uuid", "_na_")
	}
	switch {
	case name == "":
		return newErr("invalid_index_name_exception", "Invalid index name [], must not be empty")
	case name != strings.ToLower(name):
		return bad("must be lowercase")
	case strings.ContainsAny(name, `\/*?"<>| ,#:`):
		return bad(`must not contain the following characters [ , ", *, \, <, |, ,, >, /, ?]`)
	case strings.HasPrefix(name, "_") || strings.HasPrefix(name, "-") || strings.HasPrefix(name, "+"):
		return bad("must not start with '_', '-', or '+'")
	case name == "." || name == "..":
		return bad("must not be '.' or '..'")
	case len(name) > 255:
		return bad("index name is too long")
	}
	return nil
}

// createIndex makes a new index named name with the templates that match
// it and the explicit body (settings, mappings) over them. The caller holds
// s.mu.
func (s *Server) createIndex(name string, body map[string]any) (*index, *esError) {
	if err := validIndexName(name); err != nil {
		return nil, err
	}
	if _, ok := s.dataStreams[name]; ok {
		return nil, newErr("invalid_index_name_exception", "Invalid index name [%s], already exists as data stream", name).with("index", name)
	}
	settings, m := s.templateFor(name)
	explicit, err := parseMappings(body["mappings"])
	if err != nil {
		return nil, err
	}
	m.merge(explicit)
	for k, v := range flattenSettings(body["settings"]) {
		settings[k] = v
	}
	if err := validateAnalysis(settings, m); err != nil {
		return nil, err
	}
	ix := &index{name: name, uuid: newUUID(), created: time.Now(), settings: settings, mapping: m, docs: map[string]*document{}}
	s.indices[name] = ix
	return ix, nil
}

// flattenSettings turns {"index":{"number_of_shards":1}} and
// {"index.number_of_shards":1} alike into {"number_of_shards":1}.
func flattenSettings(raw any) map[string]any {
	out := map[string]any{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, e := range m {
				walk(joinPath(prefix, k), e)
			}
			return
		}
		out[strings.TrimPrefix(prefix, "index.")] = v
	}
	if m, ok := raw.(map[string]any); ok {
		walk("", m)
	}
	return out
}

// renderSettings renders flattened settings as {"index":{...}} with
// string values, the way GET shows them.
func renderSettings(flat map[string]any) map[string]any {
	idx := map[string]any{}
	for k, v := range flat {
		s, _ := stringValue(v)
		idx[k] = s
	}
	return map[string]any{"index": idx}
}

func (s *Server) sortedIndexNames() []string {
	names := make([]string, 0, len(s.indices))
	for n := range s.indices {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// resolveOpts are the index-resolution query parameters.
type resolveOpts struct {
	ignoreUnavailable bool
	allowNoIndices    bool
	hidden            bool // wildcards also match hidden (dot) indices
}

func optsFrom(r *http.Request, def resolveOpts) resolveOpts {
	q := r.URL.Query()
	if v := q.Get("ignore_unavailable"); v != "" {
		def.ignoreUnavailable = v == "true"
	}
	if v := q.Get("allow_no_indices"); v != "" {
		def.allowNoIndices = v == "true"
	}
	if v := q.Get("expand_wildcards"); v != "" {
		def.hidden = strings.Contains(v, "all") || strings.Contains(v, "hidden")
	}
	return def
}

// resolve expands an index expression (comma list of names, data streams
// and wildcards, "-" exclusions, _all) into sorted concrete indices. The
// caller holds s.mu.
func (s *Server) resolve(expr string, o resolveOpts) ([]*index, *httpError) {
	if expr == "" || expr == "_all" {
		expr = "*"
	}
	set := map[string]bool{}
	for i, part := range strings.Split(expr, ",") {
		if strings.HasPrefix(part, "-") && i > 0 {
			for n := range set {
				if simpleMatch(part[1:], n) {
					delete(set, n)
				}
			}
			continue
		}
		if !strings.Contains(part, "*") {
			names := s.concrete(part)
			if names == nil && !o.ignoreUnavailable {
				return nil, indexNotFound(part)
			}
			for _, n := range names {
				set[n] = true
			}
			continue
		}
		matched := s.wildcard(part, o.hidden)
		if len(matched) == 0 && !o.allowNoIndices {
			return nil, indexNotFound(part)
		}
		for _, n := range matched {
			set[n] = true
		}
	}
	if len(set) == 0 && !o.allowNoIndices {
		return nil, indexNotFound(expr)
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*index, len(names))
	for i, n := range names {
		out[i] = s.indices[n]
	}
	return out, nil
}

// concrete returns the indices a name denotes (an index, or a data
// stream's backing indices), nil when none.
func (s *Server) concrete(name string) []string {
	if _, ok := s.indices[name]; ok {
		return []string{name}
	}
	if ds, ok := s.dataStreams[name]; ok {
		return append([]string{}, ds.indices...)
	}
	return nil
}

func (s *Server) wildcard(pattern string, hidden bool) []string {
	var out []string
	for n := range s.indices {
		if (hidden || !strings.HasPrefix(n, ".") || strings.HasPrefix(pattern, ".")) && simpleMatch(pattern, n) {
			out = append(out, n)
		}
	}
	for n, ds := range s.dataStreams {
		if simpleMatch(pattern, n) {
			out = append(out, ds.indices...)
		}
	}
	return out
}
