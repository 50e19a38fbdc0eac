package s3hook

import (
	"context"
	"crypto/x509"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/input"
	"github.com/logstack/logstack/internal/input/s3notify"
)

// DefaultPath is where the webhook is mounted when Config.Path is empty.
const DefaultPath = "/s3/notify"

// defaultMaxBody bounds a notification body; MinIO sends one record per
// request, SNS messages are at most 256 KiB.
const defaultMaxBody = 1 << 20

// Config is what the webhook needs from the configuration.
type Config struct {
	// Path is the URL path for POSTs; empty means DefaultPath.
	Path string
	// Auth guards non-SNS requests (MinIO); nil or empty means open.
	Auth *auth.Keys
	// SNSTopics are the topic ARNs whose messages are accepted; none
	// means SNS messages are refused.
	SNSTopics []string
	// SNSHost matches the hosts certificates and subscription
	// confirmations may come from; nil means DefaultSNSHost. Tests set it
	// to reach a local server.
	SNSHost *regexp.Regexp
	// FetchCert fetches signing certificates; nil uses HTTPClient.
	FetchCert CertFetcher
	// HTTPClient visits certificate and SubscribeURL addresses; nil means
	// a client with a 10s timeout that refuses redirects off SNS hosts.
	HTTPClient *http.Client
	// MaxBodyBytes bounds a request body; zero means 1 MiB.
	MaxBodyBytes int64
}

// Hook serves the webhook. Its handler is safe for concurrent use.
type Hook struct {
	cfg    Config
	disp   *s3notify.Dispatcher
	ver    *verifier
	log    *slog.Logger
	m      *metrics
	errLog input.Throttle
}

// New returns the webhook; nothing is served until Register mounts it.
func New(cfg Config, disp *s3notify.Dispatcher, logger *slog.Logger, reg prometheus.Registerer) *Hook {
	if cfg.Path == "" {
		cfg.Path = DefaultPath
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = defaultMaxBody
	}
	if cfg.SNSHost == nil {
		cfg.SNSHost = DefaultSNSHost
	}
	ver := &verifier{host: cfg.SNSHost, certs: map[string]*x509.Certificate{}}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{
			Timeout: 10 * time.Second,
			CheckRedirect: func(req *http.Request, _ []*http.Request) error {
				return ver.trusted(req.URL.String())
			},
		}
	}
	ver.fetch = cfg.FetchCert
	if ver.fetch == nil {
		ver.fetch = func(ctx context.Context, url string) ([]byte, error) { return httpGet(ctx, cfg.HTTPClient, url) }
	}
	h := &Hook{cfg: cfg, disp: disp, ver: ver, log: logger.With("component", "input.s3_webhook"), m: newMetrics(reg)}
	h.errLog.Every = 10 * time.Second
	if reg != nil && cfg.Auth != nil {
		input.Register(reg, cfg.Auth.Collector("s3_webhook"))
	}
	return h
}

// Register mounts POST <path> on mux.
func (h *Hook) Register(mux *http.ServeMux) {
	mux.Handle("POST "+h.cfg.Path, h)
}

// ServeHTTP answers one notification request.
func (h *Hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(w, r, h.cfg.MaxBodyBytes)
	if err != nil {
		h.answer(w, r, http.StatusRequestEntityTooLarge, reasonMalformed, err.Error())
		return
	}
	if kind := r.Header.Get("X-Amz-Sns-Message-Type"); kind != "" {
		h.sns(w, r, kind, body)
		return
	}
	if err := h.cfg.Auth.Authenticate(r); err != nil {
		status := http.StatusUnauthorized
		if errors.Is(err, auth.ErrInvalidKey) {
			status = http.StatusForbidden
		}
		h.answer(w, r, status, reasonAuth, err.Error())
		return
	}
	n, err := s3notify.Parse(body)
	if err != nil {
		h.answer(w, r, http.StatusBadRequest, reasonMalformed, err.Error())
		return
	}
	h.dispatch(w, r, n, requestRef(r))
}

// dispatch processes n and answers: 200 once everything is durable, 503
// when the sender should retry.
func (h *Hook) dispatch(w http.ResponseWriter, r *http.Request, n s3notify.Notification, ref string) {
	if err := h.disp.Dispatch(r.Context(), n, ref); err != nil {
		if r.Context().Err() != nil {
			h.m.requests.WithLabelValues(reasonCanceled).Inc()
			return
		}
		h.errLog.Warn(h.log, "s3 notification failed; the sender will retry", "ref", ref, "err", err)
		w.Header().Set("Retry-After", "5")
		h.answer(w, r, http.StatusServiceUnavailable, reasonRetry, "objects not processed yet, retry later")
		return
	}
	h.answer(w, r, http.StatusOK, reasonOK, "")
}

func requestRef(r *http.Request) string {
	for _, k := range []string{"X-Amz-Request-Id", "X-Request-Id"} {
		if v := r.Header.Get(k); v != "" {
			return v
		}
	}
	return r.RemoteAddr
}

func (h *Hook) topicAllowed(arn string) bool { return slices.Contains(h.cfg.SNSTopics, arn) }
