package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// Header names of the optional signature. The signed string is
// "<timestamp>.<body>", so a receiver can reject replays of old requests.
const (
	SignatureHeader = "X-Logstack-Signature"
	TimestampHeader = "X-Logstack-Timestamp"
)

// Version is the payload's "version" field, bumped on incompatible changes.
const Version = "1"

// Config is one webhook destination. URL, header values and HMACSecret are
// secrets: they never appear in errors.
type Config struct {
	URL        string            `yaml:"url"`
	Headers    map[string]string `yaml:"headers"`
	HMACSecret string            `yaml:"hmac_secret"`
}

// Payload is the JSON body: the notification's fields plus a version.
type Payload struct {
	Version string `json:"version"`
	notify.Notification
}

// Notifier posts Payloads to one URL.
type Notifier struct {
	cfg    Config
	sender notify.HTTPSender
	now    func() time.Time
}

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg; client may be nil (default client).
func New(cfg Config, client *http.Client) (*Notifier, error) {
	u, err := notify.CheckURL(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("webhook: %w", err)
	}
	secrets := append(notify.URLSecrets(u), cfg.URL, cfg.HMACSecret)
	for _, v := range cfg.Headers {
		// Mask "Bearer TOKEN" whole and the token alone.
		secrets = append(secrets, v)
		if _, tok, ok := strings.Cut(v, " "); ok {
			secrets = append(secrets, tok)
		}
	}
	return &Notifier{cfg: cfg, sender: notify.HTTPSender{Client: client, Secrets: secrets}, now: time.Now}, nil
}

// Notify posts n.
func (w *Notifier) Notify(ctx context.Context, n notify.Notification) error {
	body, err := json.Marshal(Payload{Version: Version, Notification: n})
	if err != nil {
		return notify.Permanentf("webhook: encode payload: %w", err)
	}
	header := http.Header{}
	header.Set("User-Agent", "logstack-notify")
	for k, v := range w.cfg.Headers {
		header.Set(k, v)
	}
	if w.cfg.HMACSecret != "" {
		ts := strconv.FormatInt(w.now().Unix(), 10)
		header.Set(TimestampHeader, ts)
		header.Set(SignatureHeader, "sha256="+Sign(w.cfg.HMACSecret, ts, body))
	}
	if _, err := w.sender.Post(ctx, w.cfg.URL, "application/json", body, header); err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	return nil
}

// Sign returns hex(HMAC-SHA256(secret, timestamp + "." + body)), what a receiver
// recomputes to verify SignatureHeader.
func Sign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "."))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}
