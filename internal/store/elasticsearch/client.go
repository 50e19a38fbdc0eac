package elasticsearch

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// client sends requests to the cluster's nodes in turn, authenticated.
type client struct {
	urls    []string
	next    atomic.Uint32
	http    *http.Client
	auth    authenticator
	timeout time.Duration
}

// response is a read reply.
type response struct {
	status int
	body   []byte
}

// newHTTPClient builds the transport for the TLS options.
func newHTTPClient(o Options) (*http.Client, error) {
	if o.HTTPClient != nil {
		return o.HTTPClient, nil
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 16
	if o.CAFile != "" || o.InsecureSkipVerify {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: o.InsecureSkipVerify} //nolint:gosec // opt-in, for tests
		if o.CAFile != "" {
			pem, err := os.ReadFile(o.CAFile)
			if err != nil {
				return nil, fmt.Errorf("read tls ca_file: %w", err)
			}
			pool, err := x509.SystemCertPool()
			if err != nil {
				pool = x509.NewCertPool()
			}
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("tls ca_file %s holds no PEM certificate", o.CAFile)
			}
			cfg.RootCAs = pool
		}
		t.TLSClientConfig = cfg
	}
	return &http.Client{Transport: t}, nil
}

// do sends one request and reads the reply. A node that cannot be reached
// is skipped for the next one; every node failing, a 429 or a 5xx reply
// is a retryable error, another status >= 400 a permanent one (ok lists
// statuses the caller handles itself, such as 404).
func (c *client) do(ctx context.Context, method, path string, body []byte, ok ...int) (response, error) {
	var lastErr error
	for range c.urls {
		base := c.urls[int(c.next.Add(1))%len(c.urls)]
		resp, err := c.once(ctx, method, strings.TrimRight(base, "/")+path, body)
		if err != nil {
			lastErr = err
			if ctx.Err() != nil {
				break
			}
			continue
		}
		if resp.status >= 400 && !contains(ok, resp.status) {
			return resp, statusError(method, path, resp)
		}
		return resp, nil
	}
	return response{}, fmt.Errorf("%s %s: %w", method, pathOnly(path), lastErr)
}

func (c *client) once(ctx context.Context, method, u string, body []byte) (response, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, c.timeout, errors.New("elasticsearch request_timeout elapsed"))
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return response{}, fmt.Errorf("build request: %w", err)
	}
	if body != nil {
		ct := "application/json"
		if strings.Contains(u, "/_bulk") {
			ct = "application/x-ndjson"
		}
		req.Header.Set("Content-Type", ct)
	}
	req.Header.Set("Accept", "application/json")
	if err := c.auth.apply(ctx, req, body); err != nil {
		return response{}, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && ctx.Err() != nil {
			return response{}, fmt.Errorf("%w (%w)", err, cause)
		}
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, fmt.Errorf("read reply: %w", err)
	}
	return response{status: resp.StatusCode, body: data}, nil
}

// statusError turns an error reply into a classified error carrying the
// cluster's error type and reason.
func statusError(method, path string, r response) error {
	err := fmt.Errorf("%s %s: status %d: %s", method, pathOnly(path), r.status, errorReason(r.body))
	if r.status == http.StatusTooManyRequests || r.status >= 500 || r.status == http.StatusRequestTimeout {
		return err
	}
	if r.status == http.StatusBadRequest {
		return fmt.Errorf("%w: %w", store.ErrBadRequest, err)
	}
	return fmt.Errorf("%w: %w", store.ErrPermanent, err)
}

// errorReason extracts "type: reason" from an error body, or a bounded
// part of the body when it is not the usual shape.
func errorReason(body []byte) string {
	var e struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil && len(e.Error) > 0 {
		var d errorDetail
		if json.Unmarshal(e.Error, &d) == nil && d.Type != "" {
			return d.String()
		}
		var s string
		if json.Unmarshal(e.Error, &s) == nil {
			return s
		}
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// errorDetail is the "error" object of a reply or a bulk item.
type errorDetail struct {
	Type     string `json:"type"`
	Reason   string `json:"reason"`
	CausedBy *struct {
		Type   string `json:"type"`
		Reason string `json:"reason"`
	} `json:"caused_by"`
}

func (d errorDetail) String() string {
	s := d.Type + ": " + d.Reason
	if d.CausedBy != nil && d.CausedBy.Reason != "" {
		s += " (caused by " + d.CausedBy.Type + ": " + d.CausedBy.Reason + ")"
	}
	return s
}

// pathOnly drops the query string, which never helps an error message.
func pathOnly(p string) string {
	p, _, _ = strings.Cut(p, "?")
	return p
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
