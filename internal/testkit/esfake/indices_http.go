package esfake

import (
	"net/http"
	"strings"
)

// handleIndex serves PUT, HEAD, GET and DELETE /<index>.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	name := pathArg(r, 0)
	switch r.Method {
	case http.MethodPut:
		s.putIndex(w, r, name)
	case http.MethodHead:
		s.mu.Lock()
		ixs, he := s.resolve(name, optsFrom(r, resolveOpts{}))
		s.mu.Unlock()
		if he != nil || len(ixs) == 0 {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusOK)
	case http.MethodGet:
		s.getIndex(w, r, name)
	case http.MethodDelete:
		s.deleteIndex(w, r, name)
	}
}

func (s *Server) putIndex(w http.ResponseWriter, r *http.Request, name string) {
	body, he := decodeBody(r)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ix, ok := s.indices[name]; ok {
		writeError(w, http.StatusBadRequest, newErr("resource_already_exists_exception", "index [%s/%s] already exists", name, ix.uuid).
			with("index", name).with("index_uuid", ix.uuid))
		return
	}
	if t := s.matchingComposable(name); t != nil && t.dataStream {
		writeError(w, http.StatusBadRequest, newErr("illegal_argument_exception",
			"cannot create index with name [%s], because it matches with template [%s] that creates data streams only, use create data stream api instead", name, t.name))
		return
	}
	if _, err := s.createIndex(name, body); err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"acknowledged": true, "shards_acknowledged": true, "index": name})
}

func (s *Server) getIndex(w http.ResponseWriter, r *http.Request, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ixs, he := s.resolve(name, optsFrom(r, resolveOpts{allowNoIndices: true}))
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	out := map[string]any{}
	for _, ix := range ixs {
		settings := renderSettings(ix.settings)
		idx := settings["index"].(map[string]any)
		idx["number_of_shards"], idx["number_of_replicas"] = ix.shards(), ix.replicas()
		idx["uuid"], idx["provided_name"] = ix.uuid, ix.name
		out[ix.name] = map[string]any{"aliases": map[string]any{}, "mappings": ix.mapping.render(), "settings": settings}
	}
	writeJSON(w, http.StatusOK, out)
}

// handleMapping serves GET /<index>/_mapping.
func (s *Server) handleMapping(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	expr := pathArg(r, 0)
	if expr == "_mapping" {
		expr = ""
	}
	ixs, he := s.resolve(expr, optsFrom(r, resolveOpts{allowNoIndices: true}))
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	out := map[string]any{}
	for _, ix := range ixs {
		out[ix.name] = map[string]any{"mappings": ix.mapping.render()}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteIndex(w http.ResponseWriter, r *http.Request, name string) {
	if s.ver.destructiveRequiresName() && (strings.Contains(name, "*") || name == "_all") {
		writeError(w, http.StatusBadRequest, newErr("illegal_argument_exception",
			"Wildcard expressions or all indices are not allowed"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ixs, he := s.resolve(name, optsFrom(r, resolveOpts{allowNoIndices: true}))
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	for _, ix := range ixs {
		if ds := s.dataStreams[ix.dataStream]; ds != nil && ds.writeIndex() == ix.name {
			writeError(w, http.StatusBadRequest, newErr("illegal_argument_exception",
				"index [%s] is the write index for data stream [%s] and cannot be deleted", ix.name, ix.dataStream))
			return
		}
	}
	for _, ix := range ixs {
		delete(s.indices, ix.name)
		s.dropBackingIndex(ix)
	}
	writeJSON(w, http.StatusOK, acknowledged())
}

// handleRefresh serves /_refresh and /<pattern>/_refresh: a no-op, since
// every write is searchable at once, answered with the documented shape.
func (s *Server) handleRefresh(w http.ResponseWriter, r *http.Request) {
	expr := ""
	if segs := splitPath(r.URL.Path); len(segs) == 2 {
		expr = segs[0]
	}
	s.mu.Lock()
	ixs, he := s.resolve(expr, optsFrom(r, resolveOpts{allowNoIndices: true}))
	s.mu.Unlock()
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"_shards": shardsObject(len(ixs), len(ixs))})
}

// shardsObject is the _shards summary: one primary per index, and on a
// single node the replicas are not allocated.
func shardsObject(total, successful int) map[string]any {
	return map[string]any{"total": total, "successful": successful, "failed": 0}
}

// handleGetDoc serves GET /<index>/_doc/<id>.
func (s *Server) handleGetDoc(w http.ResponseWriter, r *http.Request) {
	name, id := pathArg(r, 0), pathArg(r, 2)
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.indices[name]
	if !ok {
		writeHTTPError(w, indexNotFound(name))
		return
	}
	doc, ok := ix.docs[id]
	if r.Method == http.MethodHead {
		if !ok {
			w.WriteHeader(http.StatusNotFound)
		}
		return
	}
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"_index": name, "_id": id, "found": false})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"_index": name, "_id": id, "_version": doc.version,
		"_seq_no": doc.seqNo - 1, "_primary_term": 1, "found": true, "_source": doc.source})
}
