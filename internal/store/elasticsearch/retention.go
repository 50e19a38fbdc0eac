package elasticsearch

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// catIndex is one row of _cat/indices.
type catIndex struct {
	Index string `json:"index"`
	Docs  int64
	Bytes int64
}

// indices lists the store's indices (those the pattern made, or the data
// stream's backing indices) with their document counts and sizes.
func (s *Store) indices(ctx context.Context) ([]catIndex, error) {
	target := s.glob
	if s.opts.DataStream != "" {
		target = ".ds-" + s.opts.DataStream + "-*"
	}
	resp, err := s.c.do(ctx, "GET", "/_cat/indices/"+target+"?format=json&bytes=b&h=index,docs.count,store.size", nil, http.StatusNotFound)
	if err != nil {
		return nil, fmt.Errorf("list indices: %w", err)
	}
	if resp.status == http.StatusNotFound {
		return nil, nil
	}
	var rows []map[string]any
	if err := json.Unmarshal(resp.body, &rows); err != nil {
		return nil, fmt.Errorf("list indices: unreadable reply: %w", err)
	}
	out := make([]catIndex, 0, len(rows))
	for _, r := range rows {
		name, _ := r["index"].(string)
		if s.pattern != nil {
			if _, _, err := s.pattern.Span(name); err != nil {
				continue // matches the glob, but the pattern did not make it
			}
		}
		out = append(out, catIndex{Index: name, Docs: catNumber(r["docs.count"]), Bytes: catNumber(r["store.size"])})
	}
	return out, nil
}

// catNumber reads a _cat number, which comes as a string (or null for a
// closed index).
func catNumber(v any) int64 {
	switch v := v.(type) {
	case string:
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	case float64:
		return int64(v)
	}
	return 0
}

// Stats sums _cat/indices over the store's indices.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	if s.closed.Load() {
		return store.Stats{}, ErrClosed
	}
	start := time.Now()
	defer s.observe("stats", start)
	idx, err := s.indices(ctx)
	if err != nil {
		return store.Stats{}, err
	}
	var st store.Stats
	for _, i := range idx {
		st.Events += i.Docs
		st.Bytes += i.Bytes
		st.Partitions++
	}
	return st, nil
}

// DeleteOlderThan deletes whole indices whose events all lie before
// cutoff. With an index pattern, an index's time span is read back from
// its name (logstack-2026.11.22.10 holds 10:00 to 11:00 UTC) and the index
// is deleted once the span ends at or before cutoff; indices whose names
// the pattern did not make are never touched. With a data stream, a
// backing index is deleted when its newest event is older than cutoff,
// except the write index, which Elasticsearch refuses to delete: roll the
// stream over (by ILM/ISM or by hand) for it to age out. No
// _delete_by_query is used: deleting whole indices is cheap and frees the
// disk at once.
func (s *Store) DeleteOlderThan(ctx context.Context, cutoff time.Time) (store.Deleted, error) {
	var d store.Deleted
	if s.closed.Load() {
		return d, ErrClosed
	}
	start := time.Now()
	defer s.observe("delete", start)
	idx, err := s.indices(ctx)
	if err != nil {
		return d, err
	}
	var expired func(context.Context, catIndex) (bool, error)
	if s.opts.DataStream != "" {
		if expired, err = s.backingExpiry(ctx, cutoff); err != nil {
			return d, err
		}
	} else {
		expired = func(_ context.Context, i catIndex) (bool, error) {
			_, end, err := s.pattern.Span(i.Index)
			return err == nil && !end.After(cutoff), nil
		}
	}
	for _, i := range idx {
		ok, err := expired(ctx, i)
		if err != nil {
			return d, err
		}
		if !ok {
			continue
		}
		if _, err := s.c.do(ctx, "DELETE", "/"+i.Index, nil, http.StatusNotFound); err != nil {
			return d, fmt.Errorf("delete index %s: %w", i.Index, err)
		}
		d.Partitions++
		d.Events += i.Docs
		s.log.Info("retention deleted index", "index", i.Index, "events", i.Docs, "cutoff", cutoff)
	}
	return d, nil
}

// backingExpiry returns the test for a data stream's backing indices: not
// the write index, and newest event before cutoff.
func (s *Store) backingExpiry(ctx context.Context, cutoff time.Time) (func(context.Context, catIndex) (bool, error), error) {
	resp, err := s.c.do(ctx, "GET", "/_data_stream/"+s.opts.DataStream, nil, http.StatusNotFound)
	if err != nil {
		return nil, fmt.Errorf("read data stream: %w", err)
	}
	var r struct {
		DataStreams []struct {
			Indices []struct {
				IndexName string `json:"index_name"`
			} `json:"indices"`
		} `json:"data_streams"`
	}
	if resp.status != http.StatusNotFound {
		if err := json.Unmarshal(resp.body, &r); err != nil {
			return nil, fmt.Errorf("read data stream: %w", err)
		}
	}
	backing := map[string]bool{}
	for _, ds := range r.DataStreams {
		for i, ix := range ds.Indices {
			backing[ix.IndexName] = i < len(ds.Indices)-1 // the last one is the write index
		}
	}
	return func(ctx context.Context, i catIndex) (bool, error) {
		if !backing[i.Index] {
			return false, nil
		}
		newest, ok, err := s.newest(ctx, i.Index)
		return err == nil && (!ok || newest.Before(cutoff)), err
	}, nil
}

// newest returns the @timestamp of the newest event in an index; ok is
// false when the index is empty.
func (s *Store) newest(ctx context.Context, index string) (time.Time, bool, error) {
	body, _ := json.Marshal(dsl{"size": 1, "query": matchAll, "sort": []any{dsl{"@timestamp": dsl{"order": "desc"}}}})
	resp, err := s.c.do(ctx, "POST", "/"+index+"/_search?ignore_unavailable=true&allow_no_indices=true", body)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("newest event of %s: %w", index, err)
	}
	var r searchReply
	if err := json.Unmarshal(resp.body, &r); err != nil {
		return time.Time{}, false, fmt.Errorf("newest event of %s: %w", index, err)
	}
	if len(r.Hits.Hits) == 0 {
		return time.Time{}, false, nil
	}
	var doc map[string]any
	if err := json.Unmarshal(r.Hits.Hits[0].Source, &doc); err != nil {
		return time.Time{}, false, fmt.Errorf("newest event of %s: %w", index, err)
	}
	ts, ok := event.ParseTimestamp(doc[event.FieldTimestamp])
	if !ok {
		return time.Time{}, false, fmt.Errorf("newest event of %s has no readable @timestamp", index)
	}
	return ts, true, nil
}
