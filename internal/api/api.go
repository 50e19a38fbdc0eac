package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/timeexpr"
)

// Searcher is the read side of a store.
type Searcher interface {
	Search(ctx context.Context, req store.SearchRequest) (store.SearchResult, error)
	Aggregate(ctx context.Context, req store.AggregateRequest) (store.AggregateResult, error)
}

// Limits on what one request may ask for, so a careless query cannot pin
// the store.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
	MaxBuckets   = 10000
)

// API holds the handlers.
type API struct {
	st  Searcher
	log *slog.Logger
	now func() time.Time
}

// New returns the API over a store.
func New(st Searcher, logger *slog.Logger) *API {
	return &API{st: st, log: logger.With("component", "api"), now: time.Now}
}

// Register mounts the handlers on mux, wrapped by wrap (authentication; nil
// for none).
func (a *API) Register(mux *http.ServeMux, wrap func(http.Handler) http.Handler) {
	if wrap == nil {
		wrap = func(h http.Handler) http.Handler { return h }
	}
	mux.Handle("GET /api/v1/search", wrap(http.HandlerFunc(a.search)))
	mux.Handle("GET /api/v1/aggregate", wrap(http.HandlerFunc(a.aggregate)))
}

// requestError is a client mistake, answered with 400 and its position in
// the query when it has one.
type requestError struct {
	Param    string
	Position *int
	Err      error
}

func (e *requestError) Error() string { return fmt.Sprintf("%s: %v", e.Param, e.Err) }

type common struct {
	q        query.Node
	from, to time.Time
}

func (a *API) parseCommon(r *http.Request) (common, error) {
	v := r.URL.Query()
	var c common
	n, err := query.Parse(v.Get("q"))
	if err != nil {
		re := &requestError{Param: "q", Err: err}
		var se *query.SyntaxError
		if errors.As(err, &se) {
			re.Position = &se.Pos
		}
		return c, re
	}
	c.q = n
	now := a.now()
	if c.from, err = optionalTime(v.Get("from"), now); err != nil {
		return c, &requestError{Param: "from", Err: err}
	}
	if c.to, err = optionalTime(v.Get("to"), now); err != nil {
		return c, &requestError{Param: "to", Err: err}
	}
	if !c.from.IsZero() && !c.to.IsZero() && c.to.Before(c.from) {
		return c, &requestError{Param: "to", Err: errors.New("is before from")}
	}
	return c, nil
}

func optionalTime(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return timeexpr.Parse(s, now)
}

func intParam(r *http.Request, name string, def, maxV int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, &requestError{Param: name, Err: fmt.Errorf("want a non-negative integer, got %q", s)}
	}
	if n > maxV {
		return 0, &requestError{Param: name, Err: fmt.Errorf("%d is over the maximum of %d", n, maxV)}
	}
	return n, nil
}

func (a *API) search(w http.ResponseWriter, r *http.Request) {
	c, err := a.parseCommon(r)
	if err != nil {
		a.fail(w, err)
		return
	}
	limit, err := intParam(r, "limit", DefaultLimit, MaxLimit)
	if err != nil {
		a.fail(w, err)
		return
	}
	asc, err := parseSort(r.URL.Query().Get("sort"))
	if err != nil {
		a.fail(w, err)
		return
	}
	res, err := a.st.Search(r.Context(), store.SearchRequest{Query: c.q, From: c.from, To: c.to, Limit: limit, SortAscending: asc})
	if err != nil {
		a.fail(w, err)
		return
	}
	if res.Hits == nil {
		res.Hits = []json.RawMessage{}
	}
	writeJSON(w, http.StatusOK, res)
}

func parseSort(s string) (bool, error) {
	field, dir, found := strings.Cut(s, ":")
	if !found {
		field, dir = "@timestamp", s
	}
	if field != "@timestamp" {
		return false, &requestError{Param: "sort", Err: fmt.Errorf("only @timestamp can be sorted on, got %q", field)}
	}
	switch dir {
	case "", "desc":
		return false, nil
	case "asc":
		return true, nil
	}
	return false, &requestError{Param: "sort", Err: fmt.Errorf("want asc or desc, got %q", dir)}
}

func (a *API) aggregate(w http.ResponseWriter, r *http.Request) {
	c, err := a.parseCommon(r)
	if err != nil {
		a.fail(w, err)
		return
	}
	req, err := aggregateRequest(r, c)
	if err != nil {
		a.fail(w, err)
		return
	}
	res, err := a.st.Aggregate(r.Context(), req)
	if err != nil {
		a.fail(w, err)
		return
	}
	if res.Buckets == nil {
		res.Buckets = []store.Bucket{}
	}
	for i, b := range res.Buckets {
		if t, ok := b.Key.(time.Time); ok {
			res.Buckets[i].Key = t.UTC().Format(time.RFC3339Nano)
		}
	}
	writeJSON(w, http.StatusOK, res)
}

func aggregateRequest(r *http.Request, c common) (store.AggregateRequest, error) {
	v := r.URL.Query()
	req := store.AggregateRequest{Query: c.q, From: c.from, To: c.to, Field: v.Get("field")}
	if iv := v.Get("interval"); iv != "" {
		d, err := timeexpr.ParseDuration(iv)
		if err != nil || d <= 0 {
			return req, &requestError{Param: "interval", Err: fmt.Errorf("want a positive duration such as 1m, got %q", iv)}
		}
		req.Interval = d
	}
	if (req.Field == "") == (req.Interval == 0) {
		return req, &requestError{Param: "field", Err: errors.New("give exactly one of field (count by value) and interval (date histogram)")}
	}
	size, err := intParam(r, "size", 10, MaxBuckets)
	if err != nil {
		return req, err
	}
	req.Size = size
	if req.Interval > 0 && !c.from.IsZero() && !c.to.IsZero() && c.to.Sub(c.from)/req.Interval > MaxBuckets {
		return req, &requestError{Param: "interval", Err: fmt.Errorf("would make more than %d buckets for this range", MaxBuckets)}
	}
	return req, nil
}

func (a *API) fail(w http.ResponseWriter, err error) { writeError(a.log, w, err) }

// writeError answers err: a client mistake 400, a vanished client nothing,
// anything else 500 (logged).
func writeError(log *slog.Logger, w http.ResponseWriter, err error) {
	var re *requestError
	switch {
	case errors.As(err, &re):
		body := map[string]any{"error": re.Error(), "param": re.Param}
		if re.Position != nil {
			body["position"] = *re.Position
		}
		writeJSON(w, http.StatusBadRequest, body)
	case errors.Is(err, store.ErrBadRequest):
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
	case errors.Is(err, context.Canceled):
		// the client went away
	default:
		log.Error("request failed", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]any{"error": err.Error()})
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
