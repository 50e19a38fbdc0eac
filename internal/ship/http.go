package ship

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
	"github.com/logstack/logstack/internal/logfile"
)

// DefaultMaxBodyBytes keeps a request under logstack's default
// http.max_body_bytes (10 MiB, counted after decompression).
const DefaultMaxBodyBytes = 8 << 20

// HTTPConfig says where and how to post.
type HTTPConfig struct {
	// URL is the broker's base URL (http://host:9280); events go to
	// URL/ingest.
	URL string
	// APIKey, when set, is sent as "Authorization: ApiKey <key>".
	APIKey string
	// MaxBodyBytes bounds one request's uncompressed body; default
	// DefaultMaxBodyBytes. A larger batch is split.
	MaxBodyBytes int
	// Timeout bounds one request; default 2 minutes.
	Timeout time.Duration
	Retry   Retry
	// Client is the HTTP client; nil means a dedicated one.
	Client *http.Client
	// Compression is "gzip" or "none"; "" means gzip unless the broker is
	// a loopback address, where compressing costs more than it saves.
	Compression string
}

// HTTP posts batches to logstack's /ingest endpoint.
type HTTP struct {
	cfg   HTTPConfig
	url   string
	log   *slog.Logger
	warn  *input.Throttle
	sleep sleeper
	gzip  bool
}

var _ logfile.LineSink = (*HTTP)(nil)

// NewHTTP returns an HTTP sender for cfg.
func NewHTTP(cfg HTTPConfig, logger *slog.Logger) (*HTTP, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("ship: %q is not an http(s) URL", cfg.URL)
	}
	if c := cfg.Compression; c != "" && c != "gzip" && c != "none" {
		return nil, fmt.Errorf("ship: compression %q: want gzip or none", c)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{}
	}
	cfg.Retry = cfg.Retry.withDefaults()
	return &HTTP{cfg: cfg, url: strings.TrimSuffix(cfg.URL, "/") + "/ingest",
		log: logger.With("component", "ship", "to", u.Redacted()), warn: &input.Throttle{Every: 10 * time.Second}, sleep: sleep,
		gzip: compress(cfg.Compression, u.Hostname())}, nil
}

// Deliver posts events, split to fit the body limit, and returns nil once
// logstack has accepted every one.
func (h *HTTP) Deliver(ctx context.Context, events []event.Event) error {
	chunks, counts, err := encodeChunks(events, h.cfg.MaxBodyBytes)
	if err != nil {
		return fmt.Errorf("%w: %w", logfile.ErrPermanent, err)
	}
	for i, c := range chunks {
		if err := h.send(ctx, c, counts[i]); err != nil {
			return err
		}
	}
	return nil
}

// DeliverLines implements logfile.LineSink: the lines are posted as they
// are, split at line ends to fit the body limit.
func (h *HTTP) DeliverLines(ctx context.Context, data []byte, ids []string) error {
	for len(data) > 0 {
		cut, n := splitLines(data, h.cfg.MaxBodyBytes)
		if err := h.send(ctx, data[:cut], n); err != nil {
			return err
		}
		data = data[cut:]
	}
	return nil
}

// send posts one NDJSON body of n events, compressed unless the broker is
// on this machine (gzip costs more CPU than loopback saves).
func (h *HTTP) send(ctx context.Context, ndjson []byte, n int) error {
	if !h.gzip {
		return h.post(ctx, ndjson, n)
	}
	body, err := gzipBytes(ndjson)
	if err != nil {
		return err
	}
	return h.post(ctx, body, n)
}

// post sends one body until it is accepted, rejected or the attempts run out.
func (h *HTTP) post(ctx context.Context, body []byte, n int) error {
	var last error
	for attempt, busy := 1, 0; ; attempt++ {
		wait, err := h.once(ctx, body, n)
		if err == nil || errors.Is(err, ErrRejected) || ctx.Err() != nil {
			return err
		}
		last = err
		if errors.Is(err, errBusy) {
			busy++
			attempt-- // backpressure: wait as long as it lasts
			if wait <= 0 {
				wait = h.cfg.Retry.backoff(min(busy, 8))
			}
		}
		if attempt >= h.cfg.Retry.MaxAttempts {
			return fmt.Errorf("%w after %d attempts: %w", ErrGaveUp, attempt, last)
		}
		if wait <= 0 {
			wait = h.cfg.Retry.backoff(attempt)
		}
		wait = min(wait, h.cfg.Retry.MaxBackoff)
		logfile.NoteRetry(ctx)
		h.warn.Warn(h.log, "delivery failed, retrying", "attempt", attempt, "wait", wait, "error", last)
		if err := h.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%w (while waiting to retry after: %w)", err, last)
		}
	}
}

// once makes one request; it returns the wait the broker asked for
// (Retry-After) with a retryable error.
func (h *HTTP) once(ctx context.Context, body []byte, n int) (time.Duration, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, h.cfg.Timeout, fmt.Errorf("ship: no answer from %s within %s", h.url, h.cfg.Timeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrRejected, err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	if h.gzip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	if h.cfg.APIKey != "" {
		req.Header.Set("Authorization", "ApiKey "+h.cfg.APIKey)
	}
	resp, err := h.cfg.Client.Do(req)
	if err != nil {
		logfile.NoteConnFailure(ctx)
		return 0, fmt.Errorf("post %s: %w", h.url, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	return h.judge(resp, answer, n)
}

// judge classifies an answer: 2xx with every event accepted is success,
// 408/429/5xx are retryable, any other status is a rejection.
func (h *HTTP) judge(resp *http.Response, answer []byte, n int) (time.Duration, error) {
	status := fmt.Sprintf("%s answered %s: %s", h.url, resp.Status, bytes.TrimSpace(answer))
	switch c := resp.StatusCode; {
	case c >= 200 && c < 300:
		var a struct{ Accepted *int }
		if json.Unmarshal(answer, &a) == nil && a.Accepted != nil && *a.Accepted != n {
			return 0, fmt.Errorf("%s: accepted %d of %d events", status, *a.Accepted, n)
		}
		return 0, nil
	case c == http.StatusTooManyRequests || c == http.StatusServiceUnavailable:
		return retryAfter(resp.Header.Get("Retry-After"), time.Now()), fmt.Errorf("%w: %s", errBusy, status)
	case c == http.StatusRequestTimeout || c >= 500:
		return 0, errors.New(status)
	}
	return 0, fmt.Errorf("%w: %s", ErrRejected, status)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b) / 4)
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
