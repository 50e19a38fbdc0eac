package elasticsearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// item is one event of a batch as a bulk "create" action.
type item struct {
	index  int    // in the batch, for rejections
	action []byte // {"create":{"_index":...,"_id":...}}
	doc    []byte // the event's JSON, without newline
}

// size is the item's share of a _bulk body.
func (it item) size() int { return len(it.action) + len(it.doc) + 2 }

// prepare turns a batch into items: events without a usable @timestamp or
// event.id are rejected, repeats of an id within the batch are duplicates
// (the first one wins, as in the DuckDB store).
func (s *Store) prepare(events []event.Event, docs [][]byte, res *store.WriteResult) []item {
	items := make([]item, 0, len(events))
	seen := make(map[string]struct{}, len(events))
	for i, e := range events {
		v, ok := e[event.FieldTimestamp]
		if !ok {
			res.Rejected = append(res.Rejected, store.Rejection{Index: i, Reason: "missing @timestamp"})
			continue
		}
		ts, ok := event.ParseTimestamp(v)
		if !ok {
			res.Rejected = append(res.Rejected, store.Rejection{Index: i, Reason: fmt.Sprintf("invalid @timestamp %v", v)})
			continue
		}
		id := e.ID()
		if id == "" {
			res.Rejected = append(res.Rejected, store.Rejection{Index: i, Reason: "missing event.id"})
			continue
		}
		if _, dup := seen[id]; dup {
			res.Duplicates++
			continue
		}
		seen[id] = struct{}{}
		var doc []byte
		if docs != nil {
			doc = oneLine(docs[i])
		} else {
			var err error
			if doc, err = event.AppendJSON(nil, e); err != nil {
				res.Rejected = append(res.Rejected, store.Rejection{Index: i, Reason: "cannot encode event: " + err.Error()})
				continue
			}
		}
		items = append(items, item{index: i, action: s.action(ts, id), doc: doc})
	}
	return items
}

// oneLine returns doc without line breaks, which would split it in the
// NDJSON body (a queue line never has one; a caller's document might).
func oneLine(doc []byte) []byte {
	if bytes.IndexByte(doc, '\n') < 0 && bytes.IndexByte(doc, '\r') < 0 {
		return doc
	}
	var b bytes.Buffer
	if err := json.Compact(&b, doc); err != nil {
		// Not JSON: the cluster will reject it; keep it on one line so
		// that it fails alone, not the actions after it.
		return bytes.ReplaceAll(bytes.ReplaceAll(doc, []byte("\n"), []byte(" ")), []byte("\r"), []byte(" "))
	}
	return b.Bytes()
}

// action is the bulk action line of an event: create, so that an event
// already stored is refused (409) instead of overwritten, with _id =
// event.id so that a retried batch finds what it already wrote.
func (s *Store) action(ts time.Time, id string) []byte {
	target := s.opts.DataStream
	if s.pattern != nil {
		target = s.pattern.Format(ts)
	}
	b := []byte(`{"create":{"_index":`)
	b = strconv.AppendQuote(b, target)
	b = append(b, `,"_id":`...)
	idJSON, _ := json.Marshal(id) // JSON, not Go, escaping
	b = append(b, idJSON...)
	return append(b, "}}"...)
}

// chunks splits items into _bulk bodies of at most BulkMaxEvents items and
// BulkMaxBytes bytes (an item larger than that goes alone).
func (s *Store) chunks(items []item) [][]item {
	var out [][]item
	start, bytes := 0, 0
	for i, it := range items {
		n := it.size()
		if i > start && (i-start >= s.opts.BulkMaxEvents || bytes+n > s.opts.BulkMaxBytes) {
			out = append(out, items[start:i])
			start, bytes = i, 0
		}
		bytes += n
	}
	if start < len(items) {
		out = append(out, items[start:])
	}
	return out
}

// body is the NDJSON _bulk body of items.
func body(items []item) []byte {
	n := 0
	for _, it := range items {
		n += it.size()
	}
	b := make([]byte, 0, n)
	for _, it := range items {
		b = append(b, it.action...)
		b = append(b, '\n')
		b = append(b, it.doc...)
		b = append(b, '\n')
	}
	return b
}

// bulkReply is the part of a _bulk response logstack reads.
type bulkReply struct {
	Errors bool                         `json:"errors"`
	Items  []map[string]bulkItemOutcome `json:"items"`
}

// bulkItemOutcome is one item's result (under its action name).
type bulkItemOutcome struct {
	Status int          `json:"status"`
	Error  *errorDetail `json:"error"`
}

// outcome of one chunk: the items to retry and why.
type chunkOutcome struct {
	retry  []item
	reason string // of the last retryable failure
}

// sendChunk posts one _bulk request and sorts its items into res (created,
// duplicates, rejected) and the returned retries. A whole request answered
// 429 or 5xx, or a node that cannot be reached, retries every item; any
// other failure is returned.
func (s *Store) sendChunk(ctx context.Context, items []item, res *store.WriteResult) (chunkOutcome, error) {
	start := time.Now()
	s.m.bulkRequests.Inc()
	resp, err := s.c.do(ctx, "POST", "/_bulk", body(items), http.StatusRequestEntityTooLarge)
	s.observe("bulk", start)
	if err == nil && resp.status == http.StatusRequestEntityTooLarge {
		return s.splitChunk(ctx, items, res)
	}
	if err != nil {
		if isRetryable(err) && ctx.Err() == nil {
			return chunkOutcome{retry: items, reason: err.Error()}, nil
		}
		return chunkOutcome{}, fmt.Errorf("bulk: %w", err)
	}
	var reply bulkReply
	if err := json.Unmarshal(resp.body, &reply); err != nil {
		return chunkOutcome{}, fmt.Errorf("bulk: unreadable reply: %w", err)
	}
	if len(reply.Items) != len(items) {
		return chunkOutcome{}, fmt.Errorf("bulk: reply has %d items for %d actions", len(reply.Items), len(items))
	}
	var out chunkOutcome
	for i, it := range items {
		var r bulkItemOutcome
		for _, v := range reply.Items[i] {
			r = v
		}
		switch {
		case r.Status >= 200 && r.Status < 300:
			res.Written++
			s.m.items.WithLabelValues(outcomeCreated).Inc()
		case r.Status == http.StatusConflict:
			res.Duplicates++
			s.m.items.WithLabelValues(outcomeDuplicate).Inc()
		case r.Status == http.StatusTooManyRequests || r.Status >= 500:
			out.retry = append(out.retry, it)
			out.reason = itemReason(r)
			s.m.items.WithLabelValues(outcomeRetried).Inc()
		default:
			res.Rejected = append(res.Rejected, store.Rejection{Index: it.index, Reason: itemReason(r)})
			s.m.items.WithLabelValues(outcomeRejected).Inc()
		}
	}
	return out, nil
}

// splitChunk resends a body the cluster found too large (413: more than
// its http.max_content_length) as two halves; a single event too large is
// rejected, since no retry can make it fit.
func (s *Store) splitChunk(ctx context.Context, items []item, res *store.WriteResult) (chunkOutcome, error) {
	if len(items) == 1 {
		res.Rejected = append(res.Rejected, store.Rejection{Index: items[0].index,
			Reason: fmt.Sprintf("413 request_entity_too_large: the event (%d bytes) exceeds the cluster's http.max_content_length", items[0].size())})
		s.m.items.WithLabelValues(outcomeRejected).Inc()
		return chunkOutcome{}, nil
	}
	var out chunkOutcome
	for _, half := range [][]item{items[:len(items)/2], items[len(items)/2:]} {
		o, err := s.sendChunk(ctx, half, res)
		if err != nil {
			return chunkOutcome{}, err
		}
		out.retry = append(out.retry, o.retry...)
		if o.reason != "" {
			out.reason = o.reason
		}
	}
	return out, nil
}

// itemReason is "status type: reason" for a failed item.
func itemReason(r bulkItemOutcome) string {
	s := strconv.Itoa(r.Status)
	if r.Error != nil {
		s += " " + r.Error.String()
	}
	return s
}
