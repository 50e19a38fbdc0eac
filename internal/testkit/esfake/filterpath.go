package esfake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
)

// serveFiltered runs h and applies the filter_path parameter (comma list
// of dotted paths, '*' within a segment, '**' across segments; arrays are
// transparent) to a JSON answer, as every REST endpoint does. Exclusions
// ("-path") are not implemented.
func serveFiltered(w http.ResponseWriter, r *http.Request, filter string, h func(http.ResponseWriter, *http.Request)) {
	rec := httptest.NewRecorder()
	h(rec, r)
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	body := rec.Body.Bytes()
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") && dec.Decode(&v) == nil {
		kept, ok := filterValue(v, parseFilterPath(filter))
		if !ok {
			kept = map[string]any{}
		}
		var buf bytes.Buffer
		_ = json.NewEncoder(&buf).Encode(kept)
		body = buf.Bytes()
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

func parseFilterPath(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" && !strings.HasPrefix(p, "-") {
			out = append(out, strings.Split(p, "."))
		}
	}
	return out
}

// filterValue keeps the parts of v the patterns select; false when none.
func filterValue(v any, pats [][]string) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			whole, next := advance(pats, k)
			if whole {
				out[k] = e
			} else if len(next) > 0 {
				if kept, ok := filterValue(e, next); ok {
					out[k] = kept
				}
			}
		}
		return out, len(out) > 0
	case []any:
		var out []any
		for _, e := range x {
			if kept, ok := filterValue(e, pats); ok {
				out = append(out, kept)
			}
		}
		return out, len(out) > 0
	}
	return nil, false
}

// advance matches key against the first segment of each pattern: whole
// when a pattern ends there, else the remaining patterns for the value.
func advance(pats [][]string, key string) (whole bool, next [][]string) {
	for _, p := range pats {
		if p[0] == "**" {
			next = append(next, p)
			if len(p) == 1 {
				whole = true
				continue
			}
			if simpleMatch(p[1], key) {
				if len(p) == 2 {
					whole = true
				} else {
					next = append(next, p[2:])
				}
			}
			continue
		}
		if simpleMatch(p[0], key) {
			if len(p) == 1 {
				whole = true
			} else {
				next = append(next, p[1:])
			}
		}
	}
	return whole, next
}
