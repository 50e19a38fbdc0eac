package elasticsearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// maxResultWindow is Elasticsearch's index.max_result_window default: a
// search returns at most this many hits.
const maxResultWindow = 10000

// filter translates a query and the request's time range [from, to),
// with fresh dynamic field types when force is set.
func (s *Store) filter(ctx context.Context, q query.Node, from, to time.Time, force bool) (dsl, error) {
	types, err := s.typesFor(ctx, queryFields(q, nil), force)
	if err != nil {
		return nil, err
	}
	t := &translator{types: types, now: s.opts.Now()}
	main, err := t.query(q)
	if err != nil {
		return nil, err
	}
	if from.IsZero() && to.IsZero() {
		return main, nil
	}
	r := dsl{}
	if !from.IsZero() {
		r["gte"] = from.UTC().Format(time.RFC3339Nano)
	}
	if !to.IsZero() {
		r["lt"] = to.UTC().Format(time.RFC3339Nano)
	}
	return dsl{"bool": dsl{"filter": []any{main, dsl{"range": dsl{"@timestamp": r}}}}}, nil
}

// searchReply is the part of a _search response logstack reads.
type searchReply struct {
	Shards struct {
		Failed   int `json:"failed"`
		Failures []struct {
			Index  string      `json:"index"`
			Reason errorDetail `json:"reason"`
		} `json:"failures"`
	} `json:"_shards"`
	Hits struct {
		Total json.RawMessage `json:"total"`
		Hits  []struct {
			Source json.RawMessage `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]struct {
		Buckets []aggBucket `json:"buckets"`
	} `json:"aggregations"`
}

// shardFailure turns failed shards into an error: partial results would
// give wrong totals and counts. A type mismatch is a bad request (it is
// the same on a retry), anything else (a node that left) retryable.
func (r *searchReply) shardFailure() error {
	if r.Shards.Failed == 0 {
		return nil
	}
	reason := "unknown reason"
	if len(r.Shards.Failures) > 0 {
		f := r.Shards.Failures[0]
		reason = f.Index + ": " + f.Reason.String()
	}
	err := fmt.Errorf("%d shards failed, first: %s", r.Shards.Failed, reason)
	if isTypeMismatch(err) {
		return fmt.Errorf("%w: %w", store.ErrBadRequest, err)
	}
	return err
}

// total reads hits.total: {"value": n} (7.x and later) or a bare number.
func (r *searchReply) total() (int64, error) {
	raw := bytes.TrimSpace(r.Hits.Total)
	if len(raw) == 0 {
		return 0, nil
	}
	if raw[0] == '{' {
		var t struct {
			Value    int64  `json:"value"`
			Relation string `json:"relation"`
		}
		if err := json.Unmarshal(raw, &t); err != nil {
			return 0, fmt.Errorf("read hits.total: %w", err)
		}
		if t.Relation != "" && t.Relation != "eq" {
			return 0, fmt.Errorf("hits.total is a lower bound (%s), not an exact count", t.Relation)
		}
		return t.Value, nil
	}
	var n int64
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, fmt.Errorf("read hits.total: %w", err)
	}
	return n, nil
}

// search posts a search body to every index of the store.
func (s *Store) search(ctx context.Context, op string, body dsl) (*searchReply, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("%s: encode: %w", op, err)
	}
	start := time.Now()
	resp, err := s.c.do(ctx, "POST", "/"+s.glob+"/_search?ignore_unavailable=true&allow_no_indices=true", raw)
	s.observe(op, start)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	var r searchReply
	if err := json.Unmarshal(resp.body, &r); err != nil {
		return nil, fmt.Errorf("%s: unreadable reply: %w", op, err)
	}
	if err := r.shardFailure(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return &r, nil
}

// Search returns the exact number of matches (track_total_hits) and the
// first Limit of them, newest first unless SortAscending, ties broken by
// event.id as in the DuckDB store. Hits are the stored _source documents.
// Limit may not exceed the cluster's default result window, 10000.
func (s *Store) Search(ctx context.Context, req store.SearchRequest) (store.SearchResult, error) {
	res := store.SearchResult{Hits: []json.RawMessage{}}
	if s.closed.Load() {
		return res, ErrClosed
	}
	if req.Limit < 0 || req.Limit > maxResultWindow {
		return res, fmt.Errorf("%w: limit %d outside 0..%d", store.ErrBadRequest, req.Limit, maxResultWindow)
	}
	order := "desc"
	if req.SortAscending {
		order = "asc"
	}
	r, err := retryTypes(func(force bool) (*searchReply, error) {
		q, err := s.filter(ctx, req.Query, req.From, req.To, force)
		if err != nil {
			return nil, err
		}
		body := dsl{"size": req.Limit, "track_total_hits": true, "query": q}
		if req.Limit > 0 {
			body["sort"] = []any{dsl{"@timestamp": dsl{"order": order}}, dsl{"event.id": dsl{"order": order}}}
		}
		return s.search(ctx, "search", body)
	})
	if err != nil {
		return res, err
	}
	if res.Total, err = r.total(); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	for _, h := range r.Hits.Hits {
		res.Hits = append(res.Hits, h.Source)
	}
	return res, nil
}

// retryTypes runs a search, and once more with fresh dynamic field types
// when the cluster refused a value for a field's type (a field first seen
// since the types were read).
func retryTypes(run func(force bool) (*searchReply, error)) (*searchReply, error) {
	r, err := run(false)
	if isTypeMismatch(err) {
		r, err = run(true)
	}
	return r, err
}
