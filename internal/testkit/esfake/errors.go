package esfake

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// esError is one Elasticsearch exception: the type, the reason and the
// extra keys (index, resource.id ...) the real server adds.
type esError struct {
	Type   string
	Reason string
	Extra  map[string]any
	// Cause, when set, is the root cause reported under root_cause (the
	// outer error is then a wrapper such as search_phase_execution_exception).
	Cause *esError
}

func newErr(typ, format string, args ...any) *esError {
	return &esError{Type: typ, Reason: fmt.Sprintf(format, args...)}
}

// with returns e with one extra key set.
func (e *esError) with(k string, v any) *esError {
	if e.Extra == nil {
		e.Extra = map[string]any{}
	}
	e.Extra[k] = v
	return e
}

// object renders the error as the "error" object of a response or item.
func (e *esError) object() map[string]any {
	m := map[string]any{"type": e.Type, "reason": e.Reason}
	for k, v := range e.Extra {
		m[k] = v
	}
	return m
}

// body renders the whole error response body
// {"error":{"root_cause":[...],"type":...,"reason":...},"status":N}.
func (e *esError) body(status int) map[string]any {
	root := e
	if e.Cause != nil {
		root = e.Cause
	}
	obj := e.object()
	obj["root_cause"] = []any{root.object()}
	if e.Cause != nil {
		obj["caused_by"] = e.Cause.object()
	}
	return map[string]any{"error": obj, "status": status}
}

// shardFailure wraps a per-shard query error the way a search that failed
// on every shard reports it.
func shardFailure(cause *esError) *esError {
	return &esError{Type: "search_phase_execution_exception", Reason: "all shards failed", Cause: cause,
		Extra: map[string]any{"phase": "query", "grouped": true}}
}

// httpError is an error with the status it answers.
type httpError struct {
	status int
	err    *esError
}

func (h *httpError) Error() string {
	return fmt.Sprintf("%d %s: %s", h.status, h.err.Type, h.err.Reason)
}

func fail(status int, e *esError) *httpError { return &httpError{status: status, err: e} }

func badRequest(typ, format string, args ...any) *httpError {
	return fail(http.StatusBadRequest, newErr(typ, format, args...))
}

func indexNotFound(name string) *httpError {
	e := newErr("index_not_found_exception", "no such index [%s]", name).
		with("resource.type", "index_or_alias").with("resource.id", name).
		with("index_uuid", "_na_").with("index", name)
	return fail(http.StatusNotFound, e)
}

// injectedError is the body of a FailRequests or SetDown answer, typed as
// the real server types that status.
func injectedError(status int) *esError {
	switch status {
	case http.StatusTooManyRequests:
		return newErr("es_rejected_execution_exception", "rejected execution of coordinating operation (esfake: injected failure)")
	case http.StatusServiceUnavailable:
		return newErr("cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/2/no master]; (esfake: injected failure)")
	case http.StatusUnauthorized, http.StatusForbidden:
		return newErr("security_exception", "action is unauthorized (esfake: injected failure)")
	case http.StatusNotFound:
		return newErr("resource_not_found_exception", "not found (esfake: injected failure)")
	case http.StatusBadRequest:
		return newErr("illegal_argument_exception", "bad request (esfake: injected failure)")
	}
	return newErr("exception", "internal error (esfake: injected failure)")
}

func writeError(w http.ResponseWriter, status int, e *esError) {
	writeJSON(w, status, e.body(status))
}

func writeHTTPError(w http.ResponseWriter, he *httpError) { writeError(w, he.status, he.err) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// withIndex adds the index keys the real server puts on index errors.
func (h *httpError) withIndex(name string) *httpError {
	h.err.with("index", name).with("index_uuid", "_na_")
	return h
}

// withCause sets the caused_by object of an item or response error.
func (e *esError) withCause(c *esError) *esError { return e.with("caused_by", c.object()) }
