package alerter

import (
	"context"
	"fmt"
	"net/http"

	"github.com/logstack/logstack/internal/notify"
)

// Ping is the dead-man notifier for alerting.deadman.url: each heartbeat
// is a plain GET of the URL, which is all that healthchecks.io, Dead Man's
// Snitch or Cronitor-style ping URLs need. The URL usually embeds the
// check's token, so it never appears in errors.
type Ping struct {
	url    string
	sender notify.HTTPSender
}

var _ notify.Notifier = (*Ping)(nil)

// NewPing checks rawURL (an absolute http(s) URL); client nil uses a
// client with a 30 s timeout. Wrap the result in notify.Retrier for
// retries, as for any notifier.
func NewPing(rawURL string, client *http.Client) (*Ping, error) {
	u, err := notify.CheckURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("deadman ping: %w", err)
	}
	return &Ping{url: rawURL, sender: notify.HTTPSender{Client: client, Secrets: notify.URLSecrets(u)}}, nil
}

// Notify pings the URL; the notification's content is not sent.
func (p *Ping) Notify(ctx context.Context, _ notify.Notification) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return notify.Permanentf("deadman ping: build request: invalid url")
	}
	if _, err := p.sender.Do(req); err != nil {
		return fmt.Errorf("deadman ping: %w", err)
	}
	return nil
}
