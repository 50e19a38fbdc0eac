package pagerduty

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// DefaultURL is the Events API v2 endpoint.
const DefaultURL = "https://events.pagerduty.com/v2/enqueue"

// Limits documented by the Events API v2.
const (
	maxSummary  = 1024
	maxDedupKey = 255
)

// Config is one PagerDuty service integration. RoutingKey (the integration
// key) is a secret. Source defaults to "logstack"; Subject renders the summary.
type Config struct {
	RoutingKey string `yaml:"routing_key"`
	URL        string `yaml:"url"`
	Source     string `yaml:"source"`
	Component  string `yaml:"component"`
	Group      string `yaml:"group"`
	Class      string `yaml:"class"`
	Client     string `yaml:"client"`
	ClientURL  string `yaml:"client_url"`
	Subject    string `yaml:"subject"`
}

// Event is the request body.
type Event struct {
	RoutingKey  string   `json:"routing_key"`
	EventAction string   `json:"event_action"`
	DedupKey    string   `json:"dedup_key"`
	Payload     *Payload `json:"payload,omitempty"`
	Client      string   `json:"client,omitempty"`
	ClientURL   string   `json:"client_url,omitempty"`
}

// Payload describes a triggered alert.
type Payload struct {
	Summary       string         `json:"summary"`
	Source        string         `json:"source"`
	Severity      string         `json:"severity"`
	Timestamp     string         `json:"timestamp,omitempty"`
	Component     string         `json:"component,omitempty"`
	Group         string         `json:"group,omitempty"`
	Class         string         `json:"class,omitempty"`
	CustomDetails map[string]any `json:"custom_details,omitempty"`
}

// Notifier sends events to one integration.
type Notifier struct {
	cfg     Config
	subject *notify.Template
	sender  notify.HTTPSender
}

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg; client may be nil.
func New(cfg Config, client *http.Client) (*Notifier, error) {
	if cfg.RoutingKey == "" {
		return nil, errors.New("pagerduty: routing_key is required")
	}
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	if _, err := notify.CheckURL(cfg.URL); err != nil {
		return nil, fmt.Errorf("pagerduty: %w", err)
	}
	if cfg.Source == "" {
		cfg.Source = "logstack"
	}
	subject, err := notify.ParseTemplate("subject", cfg.Subject)
	if err != nil {
		return nil, fmt.Errorf("pagerduty: %w", err)
	}
	return &Notifier{cfg: cfg, subject: subject,
		sender: notify.HTTPSender{Client: client, Secrets: []string{cfg.RoutingKey}}}, nil
}

// Notify sends the event for n's state.
func (p *Notifier) Notify(ctx context.Context, n notify.Notification) error {
	ev, err := p.Build(n)
	if err != nil {
		return fmt.Errorf("pagerduty: %w", err)
	}
	if _, err := p.sender.PostJSON(ctx, p.cfg.URL, ev, nil); err != nil {
		return fmt.Errorf("pagerduty: %w", err)
	}
	return nil
}

// Build maps n to an event: firing -> trigger with a payload; acknowledged and
// resolved carry only the routing and dedup keys, as the API documents.
func (p *Notifier) Build(n notify.Notification) (Event, error) {
	ev := Event{RoutingKey: p.cfg.RoutingKey, DedupKey: DedupKey(n)}
	switch n.State {
	case notify.StateAcknowledged:
		ev.EventAction = "acknowledge"
		return ev, nil
	case notify.StateResolved:
		ev.EventAction = "resolve"
		return ev, nil
	}
	summary, err := p.subject.Render(n, n.Subject)
	if err != nil {
		return Event{}, err
	}
	details := map[string]any{"rule": n.Rule, "text": n.Text, "matches": n.Matches, "escalation_level": n.Level}
	for k, v := range n.Labels {
		details[k] = v
	}
	for k, v := range n.Fields {
		details[k] = v
	}
	ev.EventAction, ev.Client, ev.ClientURL = "trigger", p.cfg.Client, p.cfg.ClientURL
	ev.Payload = &Payload{
		Summary: notify.Truncate(maxSummary, summary), Source: p.cfg.Source, Severity: Severity(n.Severity),
		Component: p.cfg.Component, Group: p.cfg.Group, Class: p.cfg.Class, CustomDetails: details,
	}
	if !n.Time.IsZero() {
		ev.Payload.Timestamp = n.Time.UTC().Format(time.RFC3339)
	}
	return ev, nil
}

// Severity maps a logstack severity to one PagerDuty accepts (critical, error,
// warning, info); anything else becomes error.
func Severity(s string) string {
	switch s {
	case "critical", "error", "warning", "info":
		return s
	}
	return "error"
}

// DedupKey is n.DedupKey (or the alert key), hashed when longer than the API's
// 255 characters so that it stays stable and unique.
func DedupKey(n notify.Notification) string {
	k := n.DedupKey
	if k == "" {
		k = n.AlertKey
	}
	if len(k) <= maxDedupKey {
		return k
	}
	sum := sha256.Sum256([]byte(k))
	return hex.EncodeToString(sum[:])
}
