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

// filter translates a query and the request's time range [from, to).
func (s *Store) filter(q query.Node, from, to time.Time) (dsl, error) {
	t := &translator{types: s.types, now: s.opts.Now()}
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
	q, err := s.filter(req.Query, req.From, req.To)
	if err != nil {
		return res, err
	}
	order := "desc"
	if req.SortAscending {
		order = "asc"
	}
	body := dsl{"size": req.Limit, "track_total_hits": true, "query": q}
	if req.Limit > 0 {
		body["sort"] = []any{dsl{"@timestamp": dsl{"order": order}}, dsl{"event.id": dsl{"order": order}}}
	}
	r, err := s.search(ctx, "search", body)
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
