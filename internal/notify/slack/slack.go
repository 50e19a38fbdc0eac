package slack

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"github.com/logstack/logstack/internal/notify"
)

// Config is one incoming webhook. URL is a secret (its path is the token).
// Channel, Username and IconEmoji override the webhook's defaults where the
// service allows it. Subject and Text are templates (notify.ParseMessage).
type Config struct {
	URL       string `yaml:"url"`
	Channel   string `yaml:"channel"`
	Username  string `yaml:"username"`
	IconEmoji string `yaml:"icon_emoji"`
	Subject   string `yaml:"subject"`
	Text      string `yaml:"text"`
}

// Message is the webhook's JSON body.
type Message struct {
	Text        string       `json:"text"`
	Channel     string       `json:"channel,omitempty"`
	Username    string       `json:"username,omitempty"`
	IconEmoji   string       `json:"icon_emoji,omitempty"`
	Attachments []Attachment `json:"attachments"`
}

// Attachment is a legacy message attachment, the format Mattermost and
// Rocket.Chat share with Slack.
type Attachment struct {
	Fallback string  `json:"fallback"`
	Color    string  `json:"color"`
	Title    string  `json:"title"`
	Text     string  `json:"text"`
	Fields   []Field `json:"fields,omitempty"`
	Footer   string  `json:"footer"`
	Ts       int64   `json:"ts"`
}

// Field is a short key/value shown in the attachment's table.
type Field struct {
	Title string `json:"title"`
	Value string `json:"value"`
	Short bool   `json:"short"`
}

// Colors per state: red firing, amber acknowledged, green resolved (hex
// because Mattermost does not accept Slack's named colours).
var Colors = map[notify.State]string{
	notify.StateFiring: "#D00000", notify.StateAcknowledged: "#DAA038", notify.StateResolved: "#2EB67D",
}

// Notifier posts to one incoming webhook.
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
		return nil, fmt.Errorf("slack: %w", err)
	}
	msg, err := notify.ParseMessage(cfg.Subject, cfg.Text)
	if err != nil {
		return nil, fmt.Errorf("slack: %w", err)
	}
	secrets := append(notify.URLSecrets(u), cfg.URL)
	return &Notifier{cfg: cfg, msg: msg, sender: notify.HTTPSender{Client: client, Secrets: secrets}}, nil
}

// Notify posts n.
func (s *Notifier) Notify(ctx context.Context, n notify.Notification) error {
	m, err := s.Build(n)
	if err != nil {
		return fmt.Errorf("slack: %w", err)
	}
	if _, err := s.sender.PostJSON(ctx, s.cfg.URL, m, nil); err != nil {
		return fmt.Errorf("slack: %w", err)
	}
	return nil
}

// Build renders the message for n.
func (s *Notifier) Build(n notify.Notification) (Message, error) {
	subject, text, err := s.msg.Render(n)
	if err != nil {
		return Message{}, err
	}
	title := "[" + notify.StateTitle(n.State) + "] " + subject
	fields := []Field{
		{Title: "Rule", Value: n.Rule, Short: true},
		{Title: "Severity", Value: n.Severity, Short: true},
		{Title: "Matches", Value: strconv.Itoa(n.Matches), Short: true},
	}
	keys := make([]string, 0, len(n.Labels))
	for k := range n.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fields = append(fields, Field{Title: k, Value: n.Labels[k], Short: true})
	}
	return Message{
		Text: title, Channel: s.cfg.Channel, Username: s.cfg.Username, IconEmoji: s.cfg.IconEmoji,
		Attachments: []Attachment{{
			Fallback: title, Color: Colors[n.State], Title: title, Text: text,
			Fields: fields, Footer: "logstack", Ts: n.Time.Unix(),
		}},
	}, nil
}
