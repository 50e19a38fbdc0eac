package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// HTTPAggregator is an Aggregator over a running logstack's
// GET /api/v1/aggregate, so `logstack lint --server URL` checks history
// without access to the data directory. Wrap it in a StoreCounter.
type HTTPAggregator struct {
	// BaseURL is the logstack URL, e.g. http://127.0.0.1:9280.
	BaseURL string
	// APIKey is sent as "Authorization: ApiKey KEY" when set.
	APIKey string
	// Client defaults to a client with a one-minute timeout.
	Client *http.Client
}

// aggregateReply is the API's answer; bucket keys are not needed.
type aggregateReply struct {
	Total   int64 `json:"total"`
	Buckets []struct {
		Count int64 `json:"count"`
	} `json:"buckets"`
	Error string `json:"error"`
}

// Aggregate runs a date histogram through the API (field aggregations are
// not needed by lint and are refused).
func (h HTTPAggregator) Aggregate(ctx context.Context, req store.AggregateRequest) (store.AggregateResult, error) {
	if req.Interval <= 0 {
		return store.AggregateResult{}, fmt.Errorf("http aggregate needs an interval: %w", store.ErrBadRequest)
	}
	v := url.Values{"interval": {fmt.Sprintf("%ds", int64(req.Interval/time.Second))}}
	if req.Query != nil {
		v.Set("q", query.String(req.Query))
	}
	if !req.From.IsZero() {
		v.Set("from", req.From.UTC().Format(time.RFC3339Nano))
	}
	if !req.To.IsZero() {
		v.Set("to", req.To.UTC().Format(time.RFC3339Nano))
	}
	reply, err := h.get(ctx, strings.TrimRight(h.BaseURL, "/")+"/api/v1/aggregate?"+v.Encode())
	if err != nil {
		return store.AggregateResult{}, err
	}
	res := store.AggregateResult{Total: reply.Total}
	for _, b := range reply.Buckets {
		res.Buckets = append(res.Buckets, store.Bucket{Count: b.Count})
	}
	return res, nil
}

// get fetches and decodes one API answer; a non-200 status is an error
// carrying the API's message.
func (h HTTPAggregator) get(ctx context.Context, u string) (aggregateReply, error) {
	var reply aggregateReply
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return reply, fmt.Errorf("aggregate request: %w", err)
	}
	if h.APIKey != "" {
		req.Header.Set("Authorization", "ApiKey "+h.APIKey)
	}
	client := h.Client
	if client == nil {
		client = &http.Client{Timeout: time.Minute}
	}
	resp, err := client.Do(req)
	if err != nil {
		return reply, fmt.Errorf("aggregate: %w", err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil {
		return reply, fmt.Errorf("aggregate: %s: %w", resp.Status, err)
	}
	if resp.StatusCode >= 400 && resp.StatusCode < 500 { // asking again cannot help
		return reply, fmt.Errorf("aggregate: %s: %s: %w", resp.Status, reply.Error, store.ErrPermanent)
	}
	if resp.StatusCode != http.StatusOK {
		return reply, fmt.Errorf("aggregate: %s: %s", resp.Status, reply.Error)
	}
	return reply, nil
}
