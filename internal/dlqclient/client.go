package dlqclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/api"
)

// ErrNotFound reports a dead letter the server does not have (HTTP 404).
var ErrNotFound = errors.New("dead letter not found")

// requestTimeout bounds one request; a replay page of 1000 letters is a
// few thousand queue round trips, well within it.
const requestTimeout = 5 * time.Minute

// Client calls one logstack server with an optional API key.
type Client struct {
	base   string
	apiKey string
	http   *http.Client
}

// New returns a client of the server at base (e.g. http://127.0.0.1:9280),
// authenticating with apiKey unless it is empty.
func New(base, apiKey string) *Client {
	return &Client{base: strings.TrimRight(base, "/"), apiKey: apiKey, http: &http.Client{Timeout: requestTimeout}}
}

// ListOptions select the letters of List.
type ListOptions struct {
	// Limit caps the letters returned in all (<= 0: 100).
	Limit int
	// After starts after this sequence.
	After uint64
	// Reason keeps letters whose reason contains it, ignoring case.
	Reason string
}

// List returns up to o.Limit letters, following the server's pages; the
// answer's Next continues the listing (0: nothing more).
func (c *Client) List(ctx context.Context, o ListOptions) (api.DeadLetterList, error) {
	limit := o.Limit
	if limit <= 0 {
		limit = 100
	}
	var out api.DeadLetterList
	after, through := o.After, uint64(0)
	for {
		q := url.Values{"limit": {strconv.Itoa(min(limit-len(out.DeadLetters), 1000))}, "reason": {o.Reason}}
		q.Set("after", strconv.FormatUint(after, 10))
		q.Set("through", strconv.FormatUint(through, 10))
		var page api.DeadLetterList
		if err := c.do(ctx, http.MethodGet, "/api/v1/dlq?"+q.Encode(), nil, &page); err != nil {
			return out, err
		}
		out.DeadLetters = append(out.DeadLetters, page.DeadLetters...)
		out.Next, out.Through, out.Total = page.Next, page.Through, page.Total
		if page.Next == 0 || len(out.DeadLetters) >= limit {
			return out, nil
		}
		after, through = page.Next, page.Through
	}
}

// Get returns one letter with its whole payload.
func (c *Client) Get(ctx context.Context, seq uint64) (api.DeadLetterJSON, error) {
	var out api.DeadLetterJSON
	err := c.do(ctx, http.MethodGet, "/api/v1/dlq/"+strconv.FormatUint(seq, 10), nil, &out)
	return out, err
}

// Delete removes one letter for good.
func (c *Client) Delete(ctx context.Context, seq uint64) error {
	var out map[string]any
	return c.do(ctx, http.MethodDelete, "/api/v1/dlq/"+strconv.FormatUint(seq, 10), nil, &out)
}

// Replay sends one replay request as it is.
func (c *Client) Replay(ctx context.Context, req api.ReplayRequest) (api.ReplayResponse, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return api.ReplayResponse{}, err
	}
	var out api.ReplayResponse
	err = c.do(ctx, http.MethodPost, "/api/v1/dlq/replay", body, &out)
	return out, err
}

// ReplayAll replays (or with req.DryRun, matches) every letter that passes
// req's filter, page by page up to the newest letter when it began, and
// sums the pages; it stops at the first page the server stopped (queue
// full or unreachable), and what it did before an error is returned with it.
func (c *Client) ReplayAll(ctx context.Context, req api.ReplayRequest) (api.ReplayResponse, error) {
	req.All, req.Seqs = true, nil
	sum := api.ReplayResponse{DryRun: req.DryRun, Seqs: []uint64{}}
	for {
		page, err := c.Replay(ctx, req)
		if err != nil {
			return sum, err
		}
		sum.Replayed += page.Replayed
		sum.Failed += page.Failed
		sum.Seqs = append(sum.Seqs, page.Seqs...)
		sum.Errors = append(sum.Errors, page.Errors...)
		sum.Through = page.Through
		if page.Stopped != "" {
			return sum, fmt.Errorf("stopped: %s", page.Stopped)
		}
		if page.Next == 0 {
			return sum, nil
		}
		req.After, req.Through = page.Next, page.Through
	}
}

// do sends a request and decodes a 200 answer into out; any other status
// becomes an error carrying the server's message.
func (c *Client) do(ctx context.Context, method, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.apiKey != "" {
		req.Header.Set("Authorization", "ApiKey "+c.apiKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return statusError(resp, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, path, resp.Status, err)
	}
	return nil
}

// statusError turns a failed answer into an error, ErrNotFound for 404.
func statusError(resp *http.Response, body []byte) error {
	var e struct {
		Error string `json:"error"`
	}
	msg := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		msg = e.Error
	}
	if resp.StatusCode == http.StatusNotFound {
		return fmt.Errorf("%w: %s", ErrNotFound, msg)
	}
	return fmt.Errorf("%s: %s", resp.Status, msg)
}
