package opsgenie

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/logstack/logstack/internal/notify"
)

// Base URLs of the two Opsgenie instances.
const (
	USBaseURL = "https://api.opsgenie.com"
	EUBaseURL = "https://api.eu.opsgenie.com"
)

// Field limits documented by the Alert API.
const (
	maxMessage     = 130
	maxAlias       = 512
	maxDescription = 15000
)

// Config is one Opsgenie API integration. APIKey is a secret. Region is "us"
// (default) or "eu"; URL overrides both (tests, proxies). Priority (P1..P5)
// overrides the mapping from severity.
type Config struct {
	APIKey     string      `yaml:"api_key"`
	Region     string      `yaml:"region"`
	URL        string      `yaml:"url"`
	Responders []Responder `yaml:"responders"`
	Tags       []string    `yaml:"tags"`
	Priority   string      `yaml:"priority"`
	Entity     string      `yaml:"entity"`
	Source     string      `yaml:"source"`
	User       string      `yaml:"user"`
	Subject    string      `yaml:"subject"`
	Text       string      `yaml:"text"`
}

// Responder is a team, user, escalation or schedule, by id, name or username.
type Responder struct {
	Type     string `json:"type" yaml:"type"`
	ID       string `json:"id,omitempty" yaml:"id"`
	Name     string `json:"name,omitempty" yaml:"name"`
	Username string `json:"username,omitempty" yaml:"username"`
}

// CreateRequest is the body of POST /v2/alerts.
type CreateRequest struct {
	Message     string            `json:"message"`
	Alias       string            `json:"alias"`
	Description string            `json:"description,omitempty"`
	Responders  []Responder       `json:"responders,omitempty"`
	Tags        []string          `json:"tags,omitempty"`
	Details     map[string]string `json:"details,omitempty"`
	Entity      string            `json:"entity,omitempty"`
	Source      string            `json:"source"`
	Priority    string            `json:"priority"`
	User        string            `json:"user,omitempty"`
}

// ActionRequest is the body of the acknowledge and close calls.
type ActionRequest struct {
	Source string `json:"source"`
	User   string `json:"user,omitempty"`
	Note   string `json:"note,omitempty"`
}

// Notifier drives alerts of one integration.
type Notifier struct {
	cfg    Config
	base   string
	msg    notify.Message
	sender notify.HTTPSender
}

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg; client may be nil.
func New(cfg Config, client *http.Client) (*Notifier, error) {
	base, err := baseURL(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.APIKey == "" {
		return nil, errors.New("opsgenie: api_key is required")
	}
	if cfg.Priority != "" && !validPriority(cfg.Priority) {
		return nil, fmt.Errorf("opsgenie: priority %q is not one of P1..P5", cfg.Priority)
	}
	if cfg.Source == "" {
		cfg.Source = "logstack"
	}
	msg, err := notify.ParseMessage(cfg.Subject, cfg.Text)
	if err != nil {
		return nil, fmt.Errorf("opsgenie: %w", err)
	}
	return &Notifier{cfg: cfg, base: base, msg: msg,
		sender: notify.HTTPSender{Client: client, Secrets: []string{cfg.APIKey}}}, nil
}

func baseURL(cfg Config) (string, error) {
	if cfg.URL != "" {
		if _, err := notify.CheckURL(cfg.URL); err != nil {
			return "", fmt.Errorf("opsgenie: %w", err)
		}
		return strings.TrimRight(cfg.URL, "/"), nil
	}
	switch cfg.Region {
	case "", "us":
		return USBaseURL, nil
	case "eu":
		return EUBaseURL, nil
	}
	return "", fmt.Errorf("opsgenie: region %q is not us or eu", cfg.Region)
}

func validPriority(p string) bool {
	return len(p) == 2 && p[0] == 'P' && p[1] >= '1' && p[1] <= '5'
}

// Notify creates, acknowledges or closes the alert for n.
func (o *Notifier) Notify(ctx context.Context, n notify.Notification) error {
	path, body, err := o.Build(n)
	if err != nil {
		return fmt.Errorf("opsgenie: %w", err)
	}
	auth := http.Header{"Authorization": {"GenieKey " + o.cfg.APIKey}}
	if _, err := o.sender.PostJSON(ctx, o.base+path, body, auth); err != nil {
		return fmt.Errorf("opsgenie: %s: %w", n.State, err)
	}
	return nil
}

// Build returns the request path (with query) and body for n.
func (o *Notifier) Build(n notify.Notification) (string, any, error) {
	alias := Alias(n)
	action := ActionRequest{Source: o.cfg.Source, User: o.cfg.User}
	switch n.State {
	case notify.StateAcknowledged:
		action.Note = "acknowledged in logstack"
		return "/v2/alerts/" + url.PathEscape(alias) + "/acknowledge?identifierType=alias", action, nil
	case notify.StateResolved:
		action.Note = "resolved in logstack"
		return "/v2/alerts/" + url.PathEscape(alias) + "/close?identifierType=alias", action, nil
	}
	subject, text, err := o.msg.Render(n)
	if err != nil {
		return "", nil, err
	}
	priority := o.cfg.Priority
	if priority == "" {
		priority = Priority(n.Severity)
	}
	return "/v2/alerts", CreateRequest{
		Message: notify.Truncate(maxMessage, subject), Alias: alias, Description: notify.Truncate(maxDescription, text),
		Responders: o.cfg.Responders, Tags: o.cfg.Tags, Details: details(n), Entity: o.cfg.Entity,
		Source: o.cfg.Source, Priority: priority, User: o.cfg.User,
	}, nil
}

// details flattens the notification's context into Opsgenie's string map.
func details(n notify.Notification) map[string]string {
	d := map[string]string{"rule": n.Rule, "matches": strconv.Itoa(n.Matches), "escalation_level": strconv.Itoa(n.Level)}
	for k, v := range n.Labels {
		d[k] = v
	}
	keys := make([]string, 0, len(n.Fields))
	for k := range n.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d[k] = fmt.Sprint(n.Fields[k])
	}
	return d
}

// Priority maps a logstack severity to an Opsgenie priority.
func Priority(severity string) string {
	switch severity {
	case "critical":
		return "P1"
	case "error":
		return "P2"
	case "info":
		return "P5"
	}
	return "P3"
}

// Alias is the dedup key (or alert key), hashed when longer than 512 characters.
func Alias(n notify.Notification) string {
	k := n.DedupKey
	if k == "" {
		k = n.AlertKey
	}
	if len(k) <= maxAlias {
		return k
	}
	sum := sha256.Sum256([]byte(k))
	return hex.EncodeToString(sum[:])
}
