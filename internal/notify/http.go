package notify

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxErrorBody bounds how much of a refused request's answer goes into the
// error: enough for the service's reason, not a whole HTML page.
const maxErrorBody = 512

// HTTPSender sends one request and classifies the outcome the way every HTTP
// notifier needs: transport errors, 408, 429 and 5xx are retryable (429 and
// 503 with their Retry-After), other non-2xx answers are permanent. Errors
// never contain the request URL (net/http's *url.Error does, and webhook URLs
// are secrets), and any of Secrets found in an answer body is masked.
type HTTPSender struct {
	// Client sends the request; nil means a client with a 30 s timeout.
	Client *http.Client
	// Secrets are masked in error messages (tokens, keys, URL paths).
	Secrets []string
	// Now returns the current time for Retry-After dates; nil means time.Now.
	Now func() time.Time
}

var defaultClient = &http.Client{Timeout: 30 * time.Second}

// Do sends req and returns the answer body of a 2xx response (at most 64 KiB).
func (s *HTTPSender) Do(req *http.Request) ([]byte, error) {
	client := s.Client
	if client == nil {
		client = defaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return nil, Retryable(fmt.Errorf("send request: %s", s.mask(err.Error())), 0)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if err != nil {
			return nil, Retryable(fmt.Errorf("read response: %s", s.mask(err.Error())), 0)
		}
		return body, nil
	}
	return nil, s.statusError(resp, body)
}

// statusError classifies a non-2xx answer.
func (s *HTTPSender) statusError(resp *http.Response, body []byte) error {
	// Mask before cutting so that no secret survives half cut.
	snippet := s.mask(strings.TrimSpace(string(body)))
	if len(snippet) > maxErrorBody {
		snippet = snippet[:maxErrorBody] + "..."
	}
	err := fmt.Errorf("http status %d: %s", resp.StatusCode, snippet)
	if !RetryableStatus(resp.StatusCode) {
		return Permanent(err)
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return Retryable(err, ParseRetryAfter(resp.Header.Get("Retry-After"), now()))
}

// mask replaces every configured secret in msg.
func (s *HTTPSender) mask(msg string) string {
	for _, sec := range s.Secrets {
		if sec != "" {
			msg = strings.ReplaceAll(msg, sec, "<secret>")
		}
	}
	return msg
}

// RetryableStatus reports whether an HTTP status is worth retrying: request
// timeout, too many requests and server errors.
func RetryableStatus(code int) bool {
	return code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500
}

// ParseRetryAfter reads a Retry-After header (RFC 9110 section 10.2.3:
// delay-seconds or an HTTP-date) relative to now; 0 when absent or invalid.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
