package config

import (
	"net/url"
	"slices"
	"strings"
)

// notifier checks what can be checked without building the notifier:
// required keys, enumerations and retry bounds, each at its own key.
// Templates and addresses are checked when the notifier is built
// (internal/notify/registry), which locates its errors with
// Notifier.Locate.
func (v *validator) notifier(path, name string, n Notifier) {
	if !isVarName(name) {
		v.fail(path, "notifier names use letters, digits, '_', '.' and '-'")
	}
	r := n.Retry
	v.nonNegative(path+".retry.initial", r.Initial)
	v.nonNegative(path+".retry.max", r.Max)
	v.nonNegative(path+".retry.attempt_timeout", r.AttemptTimeout)
	if r.Max > 0 && r.Initial > r.Max {
		v.fail(path+".retry.initial", "%s exceeds retry.max (%s)", r.Initial, r.Max)
	}
	switch {
	case n.Webhook != nil:
		v.webhook(path, n.Webhook)
	case n.Slack != nil:
		v.required(path+".url", string(n.Slack.URL))
		v.secretURL(path+".url", n.Slack.URL)
	case n.Teams != nil:
		v.required(path+".url", string(n.Teams.URL))
		v.secretURL(path+".url", n.Teams.URL)
	case n.Email != nil:
		v.email(path, n.Email)
	case n.SMS != nil:
		v.sms(path, n.SMS)
	case n.PagerDuty != nil:
		v.required(path+".routing_key", string(n.PagerDuty.RoutingKey))
	case n.Opsgenie != nil:
		v.opsgenie(path, n.Opsgenie)
	default: // built in code without its type's settings
		v.fail(path+".type", "%q with no settings: the type must be one of %s, with its keys", n.Type, strings.Join(NotifierTypes, ", "))
	}
}

func (v *validator) webhook(path string, w *WebhookNotifier) {
	v.required(path+".url", string(w.URL))
	v.secretURL(path+".url", w.URL)
	for k, val := range w.Headers {
		if val == "" {
			v.fail(path+".headers."+k, "is empty (is its variable set?)")
		}
	}
}

func (v *validator) email(path string, e *EmailNotifier) {
	v.required(path+".host", e.Host)
	v.required(path+".from", e.From)
	if len(e.To) == 0 {
		v.fail(path+".to", "needs at least one address")
	}
	if e.Port < 0 || e.Port > 65535 {
		v.fail(path+".port", "%d is not a port from 0 (the TLS mode's default) to 65535", e.Port)
	}
	v.optionalOneOf(path+".tls", e.TLS, "starttls", "tls", "none")
	v.optionalOneOf(path+".auth", strings.ToLower(e.Auth), "plain", "login")
	if e.TLS == "none" && e.Username != "" {
		v.fail(path+".username", "authentication needs tls: starttls or tls, so the password is never sent in clear")
	}
}

func (v *validator) sms(path string, s *SMSNotifier) {
	v.required(path+".account_sid", s.AccountSID)
	v.required(path+".auth_token", string(s.AuthToken))
	v.required(path+".to", s.To)
	if s.From == "" && s.MessagingServiceSID == "" {
		v.fail(path+".from", "set from or messaging_service_sid")
	}
}

func (v *validator) opsgenie(path string, o *OpsgenieNotifier) {
	v.required(path+".api_key", string(o.APIKey))
	v.optionalOneOf(path+".region", o.Region, "us", "eu")
	v.optionalOneOf(path+".priority", o.Priority, "P1", "P2", "P3", "P4", "P5")
}

// required checks that a key is set; a secret may be empty because its
// ${VAR:-} is, hence the hint.
func (v *validator) required(path, val string) {
	if val == "" {
		v.fail(path, "must be set (is its variable set?)")
	}
}

// optionalOneOf checks an enumeration whose empty value means the default.
func (v *validator) optionalOneOf(path, got string, allowed ...string) {
	if got != "" && !slices.Contains(allowed, got) {
		v.fail(path, "%q is not one of %s", got, strings.Join(allowed, ", "))
	}
}

// secretURL checks an http(s) URL without ever echoing it: a webhook URL
// is a credential.
func (v *validator) secretURL(path string, s Secret) {
	if s == "" {
		return
	}
	u, err := url.Parse(s.Value())
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.fail(path, "is not an http(s) URL with a host (value not shown: it is a secret)")
	}
}
