package sms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/logstack/logstack/internal/notify"
)

// DefaultURL is Twilio's API base.
const DefaultURL = "https://api.twilio.com"

// maxBody is Twilio's limit for a message body, in characters.
const maxBody = 1600

// Config is one recipient. AuthToken is a secret (the Account SID is masked
// too). From or MessagingServiceSID is required. Text is a template; by default
// the message is "[STATE] subject".
type Config struct {
	AccountSID          string `yaml:"account_sid"`
	AuthToken           string `yaml:"auth_token"`
	From                string `yaml:"from"`
	MessagingServiceSID string `yaml:"messaging_service_sid"`
	To                  string `yaml:"to"`
	URL                 string `yaml:"url"`
	Text                string `yaml:"text"`
}

// Notifier texts one number.
type Notifier struct {
	cfg    Config
	text   *notify.Template
	sender notify.HTTPSender
}

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg; client may be nil.
func New(cfg Config, client *http.Client) (*Notifier, error) {
	var errs []error
	if cfg.AccountSID == "" || cfg.AuthToken == "" {
		errs = append(errs, errors.New("sms: account_sid and auth_token are required"))
	}
	if cfg.From == "" && cfg.MessagingServiceSID == "" {
		errs = append(errs, errors.New("sms: from or messaging_service_sid is required"))
	}
	if cfg.To == "" {
		errs = append(errs, errors.New("sms: to is required"))
	}
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	if _, err := notify.CheckURL(cfg.URL); err != nil {
		errs = append(errs, fmt.Errorf("sms: %w", err))
	}
	text, err := notify.ParseTemplate("text", cfg.Text)
	if err != nil {
		errs = append(errs, fmt.Errorf("sms: %w", err))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	return &Notifier{cfg: cfg, text: text,
		sender: notify.HTTPSender{Client: client, Secrets: []string{cfg.AuthToken, cfg.AccountSID}}}, nil
}

// Notify sends one message for n.
func (s *Notifier) Notify(ctx context.Context, n notify.Notification) error {
	form, err := s.Form(n)
	if err != nil {
		return fmt.Errorf("sms: %w", err)
	}
	endpoint := s.cfg.URL + "/2010-04-01/Accounts/" + url.PathEscape(s.cfg.AccountSID) + "/Messages.json"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return notify.Permanentf("sms: build request: invalid url")
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(s.cfg.AccountSID, s.cfg.AuthToken)
	if _, err := s.sender.Do(req); err != nil {
		return fmt.Errorf("sms: %w", err)
	}
	return nil
}

// Form renders the request form for n.
func (s *Notifier) Form(n notify.Notification) (url.Values, error) {
	body, err := s.text.Render(n, "["+notify.StateTitle(n.State)+"] "+n.Subject)
	if err != nil {
		return nil, err
	}
	form := url.Values{"To": {s.cfg.To}, "Body": {notify.Truncate(maxBody, body)}}
	if s.cfg.MessagingServiceSID != "" {
		form.Set("MessagingServiceSid", s.cfg.MessagingServiceSID)
	} else {
		form.Set("From", s.cfg.From)
	}
	return form, nil
}
