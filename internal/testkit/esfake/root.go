package esfake

import "net/http"

// handleRoot serves GET / and HEAD /, which clients use to detect the
// distribution and version.
func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodHead:
		w.WriteHeader(http.StatusOK)
		return
	case http.MethodGet:
	default:
		methodNotAllowed(w, r, "GET", "HEAD")
		return
	}
	ver := map[string]any{
		"number": s.ver.number, "build_type": "tar", "build_hash": "esfake", "build_date": "2024-01-01T00:00:00.000Z",
		"build_snapshot": false, "lucene_version": "9.0.0",
		"minimum_wire_compatibility_version": "7.10.0", "minimum_index_compatibility_version": "7.0.0",
	}
	tagline := "You Know, for Search"
	if s.ver.openSearch {
		ver["distribution"] = "opensearch"
		tagline = "The OpenSearch Project: https://opensearch.org/"
	} else {
		ver["build_flavor"] = "default"
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"name": "esfake", "cluster_name": "esfake", "cluster_uuid": "esfake-cluster-uuid-000",
		"version": ver, "tagline": tagline,
	})
}
