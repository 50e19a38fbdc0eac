package alertclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/api"
)

// Errors for the answers a caller may want to tell apart.
var (
	// ErrNotFound reports an alert or silence the server does not have
	// (HTTP 404).
	ErrNotFound = errors.New("not found")
	// ErrConflict reports a request the alert's state forbids, such as
	// acknowledging a resolved alert (HTTP 409).
	ErrConflict = errors.New("conflict")
)

// requestTimeout bounds one request; the server bounds its own store calls
// well below it.
const requestTimeout = 30 * time.Second

// maxAnswer caps the answer read: a listing of every alert with its log.
const maxAnswer = 64 << 20

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

// ListOptions select the alerts of List.
type ListOptions struct {
	// States keeps alerts in one of these states (firing, acknowledged,
	// resolved); empty keeps all.
	States []string
	// Rule keeps the alerts of this rule or alarm; "" keeps all.
	Rule string
}

// List returns the alerts, firing ones first.
func (c *Client) List(ctx context.Context, o ListOptions) (api.AlertList, error) {
	q := url.Values{}
	if len(o.States) > 0 {
		q.Set("state", strings.Join(o.States, ","))
	}
	if o.Rule != "" {
		q.Set("rule", o.Rule)
	}
	path := "/api/v1/alerts"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var out api.AlertList
	err := c.do(ctx, http.MethodGet, path, nil, &out)
	return out, err
}

// Get returns one alert by its ID ("rule" or "rule/value").
func (c *Client) Get(ctx context.Context, id string) (api.AlertJSON, error) {
	var out api.AlertJSON
	err := c.do(ctx, http.MethodGet, "/api/v1/alerts/"+url.PathEscape(id), nil, &out)
	return out, err
}

// Ack stores an acknowledgement of the firing alert id and returns it; the
// alerter applies it on its next tick.
func (c *Client) Ack(ctx context.Context, id string, req api.AckRequest) (alert.Ack, error) {
	var out alert.Ack
	err := c.post(ctx, "/api/v1/alerts/"+url.PathEscape(id)+"/ack", req, &out)
	return out, err
}

// Silences lists the silences, only the active ones with activeOnly.
func (c *Client) Silences(ctx context.Context, activeOnly bool) (api.SilenceList, error) {
	path := "/api/v1/silences"
	if activeOnly {
		path += "?active=true"
	}
	var out api.SilenceList
	err := c.do(ctx, http.MethodGet, path, nil, &out)
	return out, err
}

// Silence creates a silence and returns it with the ID the server gave it.
func (c *Client) Silence(ctx context.Context, req api.SilenceRequest) (api.SilenceJSON, error) {
	var out api.SilenceJSON
	err := c.post(ctx, "/api/v1/silences", req, &out)
	return out, err
}

// Unsilence expires the silence id now; the server keeps it for history.
func (c *Client) Unsilence(ctx context.Context, id string) (api.SilenceJSON, error) {
	var out api.SilenceJSON
	err := c.do(ctx, http.MethodDelete, "/api/v1/silences/"+url.PathEscape(id), nil, &out)
	return out, err
}

// post sends v as a JSON body.
func (c *Client) post(ctx context.Context, path string, v, out any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	return c.do(ctx, http.MethodPost, path, body, out)
}

// do sends a request and decodes a 2xx answer into out; any other status
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
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return statusError(resp, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, path, resp.Status, err)
	}
	return nil
}

// statusError turns a failed answer into an error carrying the server's
// message (which names the parameter at fault); it wraps ErrNotFound for
// 404 and ErrConflict for 409.
func statusError(resp *http.Response, body []byte) error {
	var e struct {
		Error string `json:"error"`
	}
	msg := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		msg = e.Error
	}
	switch resp.StatusCode {
	case http.StatusNotFound:
		return &answerError{msg: msg, kind: ErrNotFound}
	case http.StatusConflict:
		return &answerError{msg: msg, kind: ErrConflict}
	}
	return fmt.Errorf("%s: %s", resp.Status, msg)
}

// answerError is the server's message, classified by kind.
type answerError struct {
	msg  string
	kind error
}

func (e *answerError) Error() string { return e.msg }
func (e *answerError) Unwrap() error { return e.kind }
