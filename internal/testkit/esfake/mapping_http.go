package esfake

import "net/http"

// handlePutMapping serves PUT /<index>/_mapping: new fields and dynamic
// templates are added to every matching index; changing a mapped field's
// type is refused as the real server refuses it.
func (s *Server) handlePutMapping(w http.ResponseWriter, r *http.Request) {
	body, he := decodeBody(r)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	m, err := parseMappings(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ixs, he := s.resolve(pathArg(r, 0), optsFrom(r, resolveOpts{allowNoIndices: true}))
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	for _, ix := range ixs {
		for path, f := range m.fields {
			if old := ix.mapping.fields[path]; old != nil && old.Type != f.Type {
				writeError(w, http.StatusBadRequest, newErr("illegal_argument_exception",
					"mapper [%s] cannot be changed from type [%s] to [%s]", path, old.Type, f.Type))
				return
			}
		}
	}
	for _, ix := range ixs {
		grown := ix.mapping.clone()
		grown.merge(m)
		ix.mapping = grown
	}
	writeJSON(w, http.StatusOK, acknowledged())
}
