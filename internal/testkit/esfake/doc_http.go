package esfake

import (
	"net/http"
)

// handleDoc serves the single-document APIs: PUT|POST /<index>/_doc/<id>
// (op_type=create makes it a create), POST /<index>/_doc (generated id),
// PUT|POST /<index>/_create/<id>, GET|HEAD /<index>/_doc/<id> and DELETE
// /<index>/_doc/<id>. Writes go through the same path as bulk items, so
// mappings, conflicts and FailItems apply.
func (s *Server) handleDoc(w http.ResponseWriter, r *http.Request) {
	segs := splitPath(r.URL.Path)
	it := bulkItem{index: segs[0], action: "index"}
	if len(segs) == 3 {
		it.id = segs[2]
	}
	switch {
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		s.handleGetDoc(w, r)
		return
	case r.Method == http.MethodDelete:
		it.action = "delete"
	case segs[1] == "_create" || r.URL.Query().Get("op_type") == "create":
		it.action = "create"
	}
	if it.action != "delete" {
		body, he := readBody(r)
		if he != nil {
			writeHTTPError(w, he)
			return
		}
		it.source = body
	}
	res, failed := s.applyItem(&it)
	status := res["status"].(int)
	if failed {
		e := res["error"].(map[string]any)
		writeJSON(w, status, map[string]any{"error": withRootCause(e), "status": status})
		return
	}
	delete(res, "status")
	writeJSON(w, status, res)
}

// withRootCause adds root_cause to an item error so that it has the shape
// of a whole-response error.
func withRootCause(e map[string]any) map[string]any {
	out := map[string]any{"root_cause": []any{e}}
	for k, v := range e {
		out[k] = v
	}
	return out
}
