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
		v.requiredSecret(path+".url", n.Slack.URL, n.Slack.URLFile)
		v.secretURL(path+".url", n.Slack.URL)
	case n.Teams != nil:
		v.requiredSecret(path+".url", n.Teams.URL, n.Teams.URLFile)
		v.secretURL(path+".url", n.Teams.URL)
	case n.Email != nil:
		v.email(path, n.Email)
	case n.SMS != nil:
		v.sms(path, n.SMS)
	case n.PagerDuty != nil:
		v.requiredSecret(path+".routing_key", n.PagerDuty.RoutingKey, n.PagerDuty.RoutingKeyFile)
	case n.Opsgenie != nil:
		v.opsgenie(path, n.Opsgenie)
	case n.Type == "": // "name: ~" in the file, or built in code
		v.fail(path+".type", "missing: every notifier needs a type, one of %s", strings.Join(NotifierTypes, ", "))
	default: // built in code without its type's settings
		v.fail(path+".type", "%q has no settings: the type must be one of %s, with its keys", n.Type, strings.Join(NotifierTypes, ", "))
	}
}

func (v *validator) webhook(path string, w *WebhookNotifier) {
	v.requiredSecret(path+".url", w.URL, w.URLFile)
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
	v.requiredSecret(path+".auth_token", s.AuthToken, s.AuthTokenFile)
	v.required(path+".to", s.To)
	if s.From == "" && s.MessagingServiceSID == "" {
		v.fail(path+".from", "set from or messaging_service_sid")
	}
}

func (v *validator) opsgenie(path string, o *OpsgenieNotifier) {
	v.requiredSecret(path+".api_key", o.APIKey, o.APIKeyFile)
	v.optionalOneOf(path+".region", o.Region, "us", "eu")
	v.optionalOneOf(path+".priority", o.Priority, "P1", "P2", "P3", "P4", "P5")
}

// required checks that a plain key is set.
func (v *validator) required(path, val string) {
	if val == "" {
		v.fail(path, "must be set")
	}
}

// requiredSecret checks that a secret is set, unless its file is named:
// a file that could not be read was reported at its _file key already.
func (v *validator) requiredSecret(path string, s Secret, file string) {
	if s == "" && file == "" {
		v.fail(path, "must be set, as ${VAR} or through %s_file (is its variable set?)", path[strings.LastIndex(path, ".")+1:])
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
