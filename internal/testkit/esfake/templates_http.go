package esfake

import (
	"net/http"
	"strings"
)

// handleIndexTemplate serves PUT/POST/GET/HEAD/DELETE _index_template[/<name>].
func (s *Server) handleIndexTemplate(w http.ResponseWriter, r *http.Request) {
	name := pathArg(r, 1)
	switch r.Method {
	case http.MethodPut, http.MethodPost:
		s.putIndexTemplate(w, r, name)
	case http.MethodGet, http.MethodHead:
		s.getIndexTemplates(w, r, name)
	case http.MethodDelete:
		s.mu.Lock()
		_, ok := s.composable[name]
		delete(s.composable, name)
		s.mu.Unlock()
		if !ok {
			writeHTTPError(w, fail(http.StatusNotFound, newErr("resource_not_found_exception", "index_template [%s] missing", name)))
			return
		}
		writeJSON(w, http.StatusOK, acknowledged())
	}
}

func (s *Server) putIndexTemplate(w http.ResponseWriter, r *http.Request, name string) {
	if name == "" {
		noHandler(w, r)
		return
	}
	body, he := decodeBody(r)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	t, err := parseComposable(name, body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.composable[name]; exists && r.URL.Query().Get("create") == "true" {
		writeError(w, http.StatusBadRequest, newErr("illegal_argument_exception", "index template [%s] already exists", name))
		return
	}
	if err := s.overlapConflict(t); err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	s.composable[name] = t
	writeJSON(w, http.StatusOK, acknowledged())
}

func (s *Server) getIndexTemplates(w http.ResponseWriter, r *http.Request, name string) {
	s.mu.Lock()
	var list []any
	for _, n := range sortedKeys(s.composable) {
		if name == "" || matchesAny(strings.Split(name, ","), n) {
			list = append(list, map[string]any{"name": n, "index_template": s.composable[n].render()})
		}
	}
	s.mu.Unlock()
	if len(list) == 0 && name != "" && !strings.Contains(name, "*") {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		writeError(w, http.StatusNotFound, newErr("resource_not_found_exception", "index template matching [%s] not found", name))
		return
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	if list == nil {
		list = []any{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"index_templates": list})
}

// render shows t as GET _index_template does.
func (t *composableTemplate) render() map[string]any {
	out := without(t.body, "template")
	out["index_patterns"] = t.patterns
	if _, ok := out["composed_of"]; !ok {
		out["composed_of"] = []string{}
	}
	tmpl := map[string]any{}
	if len(t.settings) > 0 {
		tmpl["settings"] = renderSettings(t.settings)
	}
	if inner, _ := t.body["template"].(map[string]any); inner["mappings"] != nil {
		tmpl["mappings"] = t.mapping.render()
	}
	if inner, _ := t.body["template"].(map[string]any); inner["aliases"] != nil {
		tmpl["aliases"] = inner["aliases"]
	}
	if len(tmpl) > 0 {
		out["template"] = tmpl
	}
	return out
}

// handleLegacyTemplate serves PUT/POST/GET/HEAD/DELETE _template[/<name>].
func (s *Server) handleLegacyTemplate(w http.ResponseWriter, r *http.Request) {
	name := pathArg(r, 1)
	if (r.Method == http.MethodPut || r.Method == http.MethodPost) && !s.ver.openSearch && s.ver.atLeast(7, 8) {
		w.Header().Set("Warning", `299 Elasticsearch-`+s.ver.number+` "Legacy index templates are deprecated in favor of composable templates."`)
	}
	switch r.Method {
	case http.MethodPut, http.MethodPost:
		s.putLegacyTemplate(w, r, name)
	case http.MethodGet, http.MethodHead:
		s.getLegacyTemplates(w, r, name)
	case http.MethodDelete:
		s.mu.Lock()
		_, ok := s.legacy[name]
		delete(s.legacy, name)
		s.mu.Unlock()
		if !ok {
			writeError(w, http.StatusNotFound, newErr("index_template_missing_exception", "index_template [%s] missing", name))
			return
		}
		writeJSON(w, http.StatusOK, acknowledged())
	}
}

func (s *Server) putLegacyTemplate(w http.ResponseWriter, r *http.Request, name string) {
	if name == "" {
		methodNotAllowed(w, r, "GET")
		return
	}
	body, he := decodeBody(r)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	t, err := parseLegacy(name, body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.legacy[name]; exists && r.URL.Query().Get("create") == "true" {
		writeError(w, http.StatusBadRequest, newErr("illegal_argument_exception", "index_template [%s] already exists", name))
		return
	}
	s.legacy[name] = t
	writeJSON(w, http.StatusOK, acknowledged())
}

func (s *Server) getLegacyTemplates(w http.ResponseWriter, r *http.Request, name string) {
	s.mu.Lock()
	out := map[string]any{}
	for _, n := range sortedKeys(s.legacy) {
		if name == "" || matchesAny(strings.Split(name, ","), n) {
			out[n] = s.legacy[n].render()
		}
	}
	s.mu.Unlock()
	status := http.StatusOK
	if len(out) == 0 && name != "" && !strings.Contains(name, "*") {
		status = http.StatusNotFound
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, out)
}

// render shows t as GET _template does.
func (t *legacyTemplate) render() map[string]any {
	out := map[string]any{
		"order": t.order, "index_patterns": t.patterns, "settings": renderSettings(t.settings),
		"mappings": t.mapping.render(), "aliases": map[string]any{},
	}
	if v, ok := t.body["version"]; ok {
		out["version"] = v
	}
	if a, ok := t.body["aliases"]; ok {
		out["aliases"] = a
	}
	return out
}

func acknowledged() map[string]any { return map[string]any{"acknowledged": true} }

// pathArg returns the i-th path segment, "" when missing.
func pathArg(r *http.Request, i int) string {
	segs := splitPath(r.URL.Path)
	if i < len(segs) {
		return segs[i]
	}
	return ""
}
