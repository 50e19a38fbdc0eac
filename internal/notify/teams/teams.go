package teams

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/logstack/logstack/internal/notify"
)

// Config is one Teams webhook (a Workflows URL or a legacy connector URL, both
// secrets). Subject and Text are templates.
type Config struct {
	URL     string `yaml:"url"`
	Subject string `yaml:"subject"`
	Text    string `yaml:"text"`
}

// ContentType is the attachment type of an Adaptive Card.
const ContentType = "application/vnd.microsoft.card.adaptive"

// Payload is the webhook's JSON body.
type Payload struct {
	Type        string       `json:"type"`
	Attachments []Attachment `json:"attachments"`
}

// Attachment wraps one card.
type Attachment struct {
	ContentType string  `json:"contentType"`
	ContentURL  *string `json:"contentUrl"`
	Content     Card    `json:"content"`
}

// Card is an Adaptive Card (schema version 1.4, what Teams renders).
type Card struct {
	Schema  string         `json:"$schema"`
	Type    string         `json:"type"`
	Version string         `json:"version"`
	Body    []any          `json:"body"`
	MSTeams map[string]any `json:"msteams"`
}

// TextBlock is an Adaptive Card text element.
type TextBlock struct {
	Type   string `json:"type"`
	Text   string `json:"text"`
	Wrap   bool   `json:"wrap"`
	Weight string `json:"weight,omitempty"`
	Size   string `json:"size,omitempty"`
	Color  string `json:"color,omitempty"`
}

// FactSet is an Adaptive Card key/value table.
type FactSet struct {
	Type  string `json:"type"`
	Facts []Fact `json:"facts"`
}

// Fact is one row of a FactSet.
type Fact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

// Colors are the Adaptive Card colour names per state.
var Colors = map[notify.State]string{
	notify.StateFiring: "Attention", notify.StateAcknowledged: "Warning", notify.StateResolved: "Good",
}

// Notifier posts to one Teams webhook.
type Notifier struct {
	cfg    Config
	msg    notify.Message
	sender notify.HTTPSender
}

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg and parses its templates; client may be nil.
func New(cfg Config, client *http.Client) (*Notifier, error) {
	u, err := notify.CheckURL(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	msg, err := notify.ParseMessage(cfg.Subject, cfg.Text)
	if err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	secrets := append(notify.URLSecrets(u), cfg.URL)
	return &Notifier{cfg: cfg, msg: msg, sender: notify.HTTPSender{Client: client, Secrets: secrets}}, nil
}

// Notify posts n.
func (t *Notifier) Notify(ctx context.Context, n notify.Notification) error {
	p, err := t.Build(n)
	if err != nil {
		return fmt.Errorf("teams: %w", err)
	}
	resp, err := t.sender.PostJSON(ctx, t.cfg.URL, p, nil)
	if err != nil {
		return fmt.Errorf("teams: %w", err)
	}
	return legacyError(resp)
}

// legacyError detects the legacy connector's habit of answering 200 with a
// delivery failure in the body (for example a throttled channel).
func legacyError(body []byte) error {
	s := string(body)
	if !strings.Contains(s, "delivery failed") {
		return nil
	}
	err := errors.New("teams: webhook answered: message delivery failed")
	if strings.Contains(s, "429") {
		return notify.Retryable(err, 0)
	}
	return notify.Permanent(err)
}

// Build renders the card for n.
func (t *Notifier) Build(n notify.Notification) (Payload, error) {
	subject, text, err := t.msg.Render(n)
	if err != nil {
		return Payload{}, err
	}
	facts := []Fact{{"Rule", n.Rule}, {"State", string(n.State)}, {"Severity", n.Severity}, {"Matches", strconv.Itoa(n.Matches)}}
	keys := make([]string, 0, len(n.Labels))
	for k := range n.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		facts = append(facts, Fact{k, n.Labels[k]})
	}
	card := Card{
		Schema: "http://adaptivecards.io/schemas/adaptive-card.json", Type: "AdaptiveCard", Version: "1.4",
		MSTeams: map[string]any{"width": "Full"},
		Body: []any{
			TextBlock{Type: "TextBlock", Text: "[" + notify.StateTitle(n.State) + "] " + subject, Wrap: true,
				Weight: "Bolder", Size: "Medium", Color: Colors[n.State]},
			TextBlock{Type: "TextBlock", Text: text, Wrap: true},
			FactSet{Type: "FactSet", Facts: facts},
		},
	}
	return Payload{Type: "message", Attachments: []Attachment{{ContentType: ContentType, Content: card}}}, nil
}
