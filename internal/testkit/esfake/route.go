package esfake

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// route dispatches r by path and method the way the REST controller does:
// a path the server knows with a method it does not answer 405, an unknown
// path 400.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	segs := splitPath(r.URL.Path)
	if len(segs) == 0 {
		s.handleRoot(w, r)
		return
	}
	switch {
	case segs[0] == "_bulk" && len(segs) == 1:
		s.methods(w, r, s.handleBulk, "POST", "PUT")
	case (segs[0] == "_search" || segs[0] == "_count") && len(segs) == 1:
		s.methods(w, r, s.handleSearch, "GET", "POST")
	case segs[0] == "_refresh" && len(segs) == 1:
		s.methods(w, r, s.handleRefresh, "GET", "POST")
	case segs[0] == "_mapping" && len(segs) == 1:
		s.methods(w, r, s.handleMapping, "GET")
	case segs[0] == "_cluster" && len(segs) == 2 && segs[1] == "health":
		s.methods(w, r, s.handleHealth, "GET")
	case segs[0] == "_cat":
		s.routeCat(w, r, segs)
	case segs[0] == "_index_template":
		s.routeIndexTemplate(w, r, segs)
	case segs[0] == "_template" && len(segs) <= 2:
		s.methods(w, r, s.handleLegacyTemplate, "GET", "PUT", "POST", "HEAD", "DELETE")
	case segs[0] == "_data_stream":
		s.routeDataStream(w, r, segs)
	case strings.HasPrefix(segs[0], "_") && segs[0] != "_all":
		noHandler(w, r)
	default:
		s.routeIndex(w, r, segs)
	}
}

func (s *Server) routeIndex(w http.ResponseWriter, r *http.Request, segs []string) {
	if len(segs) == 1 {
		s.methods(w, r, s.handleIndex, "GET", "PUT", "HEAD", "DELETE")
		return
	}
	switch {
	case segs[1] == "_bulk" && len(segs) == 2:
		s.methods(w, r, s.handleBulk, "POST", "PUT")
	case (segs[1] == "_search" || segs[1] == "_count") && len(segs) == 2:
		s.methods(w, r, s.handleSearch, "GET", "POST")
	case segs[1] == "_refresh" && len(segs) == 2:
		s.methods(w, r, s.handleRefresh, "GET", "POST")
	case segs[1] == "_rollover" && len(segs) == 2:
		s.methods(w, r, s.handleRollover, "POST")
	case segs[1] == "_mapping" && len(segs) == 2 && r.Method == http.MethodGet:
		s.handleMapping(w, r)
	case segs[1] == "_mapping" && len(segs) == 2:
		s.methods(w, r, s.handlePutMapping, "PUT", "POST")
	case segs[1] == "_doc" && len(segs) == 3:
		s.methods(w, r, s.handleDoc, "GET", "HEAD", "PUT", "POST", "DELETE")
	case segs[1] == "_doc" && len(segs) == 2:
		s.methods(w, r, s.handleDoc, "POST")
	case segs[1] == "_create" && len(segs) == 3:
		s.methods(w, r, s.handleDoc, "PUT", "POST")
	default:
		noHandler(w, r)
	}
}

func (s *Server) routeCat(w http.ResponseWriter, r *http.Request, segs []string) {
	if len(segs) >= 2 && segs[1] == "indices" && len(segs) <= 3 {
		s.methods(w, r, s.handleCatIndices, "GET")
		return
	}
	noHandler(w, r)
}

// routeIndexTemplate answers _index_template, which Elasticsearch before
// 7.8 does not have: there the path falls to the deprecated
// "POST /{index}/{type}" document route, so other methods get 405 and
// POST an invalid index name.
func (s *Server) routeIndexTemplate(w http.ResponseWriter, r *http.Request, segs []string) {
	if !s.ver.composable() {
		beforeFeature(w, r, segs)
		return
	}
	if len(segs) > 2 {
		noHandler(w, r)
		return
	}
	s.methods(w, r, s.handleIndexTemplate, "GET", "PUT", "POST", "HEAD", "DELETE")
}

func (s *Server) routeDataStream(w http.ResponseWriter, r *http.Request, segs []string) {
	if !s.ver.dataStreams() {
		beforeFeature(w, r, segs)
		return
	}
	if len(segs) > 2 {
		noHandler(w, r)
		return
	}
	s.methods(w, r, s.handleDataStream, "GET", "PUT", "DELETE")
}

// beforeFeature answers a _-prefixed API path on a version that predates
// it, as the router of that version does.
func beforeFeature(w http.ResponseWriter, r *http.Request, segs []string) {
	if len(segs) == 2 && r.Method != http.MethodPost {
		methodNotAllowed(w, r, "POST")
		return
	}
	writeHTTPError(w, badRequest("invalid_index_name_exception",
		"Invalid index name [%s], must not start with '_', '-', or '+'", segs[0]).withIndex(segs[0]))
}

// methods runs h when r's method is one of allowed, else answers 405.
func (s *Server) methods(w http.ResponseWriter, r *http.Request, h http.HandlerFunc, allowed ...string) {
	for _, m := range allowed {
		if r.Method == m {
			h(w, r)
			return
		}
	}
	methodNotAllowed(w, r, allowed...)
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request, allowed ...string) {
	w.Header().Set("Allow", strings.Join(allowed, ","))
	writeJSON(w, http.StatusMethodNotAllowed, map[string]any{
		"error": fmt.Sprintf("Incorrect HTTP method for uri [%s] and method [%s], allowed: [%s]",
			r.URL.RequestURI(), r.Method, strings.Join(allowed, ", ")),
		"status": http.StatusMethodNotAllowed,
	})
}

func noHandler(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusBadRequest, map[string]any{
		"error":  fmt.Sprintf("no handler found for uri [%s] and method [%s]", r.URL.RequestURI(), r.Method),
		"status": http.StatusBadRequest,
	})
}

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isBulkPath(p string) bool {
	segs := splitPath(p)
	return len(segs) > 0 && segs[len(segs)-1] == "_bulk" && len(segs) <= 2
}

// maxBody bounds a request body, as http.max_content_length (100mb) does.
const maxBody = 100 << 20

// readBody returns r's body, gunzipped when Content-Encoding says gzip.
func readBody(r *http.Request) ([]byte, *httpError) {
	var rd io.Reader = http.MaxBytesReader(nil, r.Body, maxBody)
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		gz, err := gzip.NewReader(rd)
		if err != nil {
			return nil, badRequest("parse_exception", "failed to decompress request body: %v", err)
		}
		defer gz.Close()
		rd = io.LimitReader(gz, maxBody+1)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		return nil, fail(http.StatusRequestEntityTooLarge, newErr("content_too_long_exception", "request body: %v", err))
	}
	if len(b) > maxBody {
		return nil, fail(http.StatusRequestEntityTooLarge, newErr("content_too_long_exception", "request body is too large"))
	}
	return b, nil
}

// decodeBody decodes a JSON object body (empty is {}), numbers as
// json.Number.
func decodeBody(r *http.Request) (map[string]any, *httpError) {
	b, he := readBody(r)
	if he != nil {
		return nil, he
	}
	return decodeObject(b)
}

func decodeObject(b []byte) (map[string]any, *httpError) {
	if len(strings.TrimSpace(string(b))) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, badRequest("x_content_parse_exception", "failed to parse request body: %v", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, badRequest("x_content_parse_exception", "request body must be a JSON object")
	}
	return m, nil
}
