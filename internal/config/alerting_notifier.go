package config

import "reflect"

// Notifier types, the values of a notifier's `type` key.
const (
	NotifierWebhook   = "webhook"
	NotifierSlack     = "slack"
	NotifierTeams     = "teams"
	NotifierEmail     = "email"
	NotifierSMS       = "sms"
	NotifierPagerDuty = "pagerduty"
	NotifierOpsgenie  = "opsgenie"
)

// NotifierTypes lists every notifier type, in documentation order.
var NotifierTypes = []string{NotifierWebhook, NotifierSlack, NotifierTeams, NotifierEmail, NotifierSMS, NotifierPagerDuty, NotifierOpsgenie}

// Notifier is one configured destination. Notifiers are heterogeneous: the
// keys allowed depend on `type`. Rather than one flat struct holding every
// type's keys (which would silently accept a Slack `channel` on a webhook),
// Notifier is a tagged union: Type selects exactly one of the pointer
// fields below, and the decoder (alerting_decode.go) reads `type` first,
// then decodes every other key into that type's struct only, reporting the
// rest as unknown keys with their file:line and a suggestion. The other
// pointers stay nil. The variant structs mirror the Config structs of the
// internal/notify/<type> packages key for key (a registry test keeps them
// in step), except that credentials are Secrets (${VAR} or <key>_file,
// never literal) so that they are redacted everywhere.
type Notifier struct {
	// Type is one of NotifierTypes.
	Type string `yaml:"type"`
	// Retry bounds the retries of one notification (notify.RetryPolicy).
	Retry Retry `yaml:"retry"`

	// The settings of each type: exactly the one named by Type is non-nil
	// once decoded. They are inlined, so `logstack config` renders a
	// notifier as written (type, retry and the type's keys).
	Webhook   *WebhookNotifier   `yaml:",inline,omitempty"`
	Slack     *SlackNotifier     `yaml:",inline,omitempty"`
	Teams     *TeamsNotifier     `yaml:",inline,omitempty"`
	Email     *EmailNotifier     `yaml:",inline,omitempty"`
	SMS       *SMSNotifier       `yaml:",inline,omitempty"`
	PagerDuty *PagerDutyNotifier `yaml:",inline,omitempty"`
	Opsgenie  *OpsgenieNotifier  `yaml:",inline,omitempty"`

	at origin // where the notifier's name is written, for Locate
}

// notifierVariants maps a type to the index of its pointer field in
// Notifier, so the decoder and the _file reader find a type's keys.
var notifierVariants = func() map[string]int {
	t := reflect.TypeFor[Notifier]()
	out := map[string]int{}
	for i, name := range map[string]string{
		NotifierWebhook: "Webhook", NotifierSlack: "Slack", NotifierTeams: "Teams", NotifierEmail: "Email",
		NotifierSMS: "SMS", NotifierPagerDuty: "PagerDuty", NotifierOpsgenie: "Opsgenie",
	} {
		f, ok := t.FieldByName(name)
		if !ok {
			panic("config: Notifier lacks field " + name)
		}
		out[i] = f.Index[0]
	}
	return out
}()

// variant returns the settings struct of n's type (a pointer value, nil
// when unset), and false for an unknown type.
func (n *Notifier) variant() (reflect.Value, bool) {
	i, ok := notifierVariants[n.Type]
	if !ok {
		return reflect.Value{}, false
	}
	return reflect.ValueOf(n).Elem().Field(i), true
}

// Locate places err at this notifier's name in the file that defined it,
// so a problem found when the notifier is built (a template that does not
// parse, an address that does not) still says file:line. name is the
// notifier's key in Alerting.Notifiers.
func (n Notifier) Locate(name string, err error) *Problem {
	return &Problem{File: n.at.file, Line: n.at.line, Col: n.at.col,
		Path: "alerting.notifiers." + name, Err: invalidErr{err}}
}

// invalidErr classifies err as ErrInvalid without repeating that
// sentinel's text, like the config's other problems.
type invalidErr struct{ err error }

func (e invalidErr) Error() string   { return e.err.Error() }
func (e invalidErr) Unwrap() []error { return []error{ErrInvalid, e.err} }

// Retry mirrors notify.RetryPolicy; a zero field keeps the default
// (initial 1s, max 1m, attempt_timeout 30s).
type Retry struct {
	// Initial is the first backoff; each retry doubles it.
	Initial Duration `yaml:"initial"`
	// Max caps one backoff.
	Max Duration `yaml:"max"`
	// AttemptTimeout bounds one attempt.
	AttemptTimeout Duration `yaml:"attempt_timeout"`
}

// WebhookNotifier mirrors webhook.Config: a generic JSON POST. The URL
// often embeds a token and header values carry credentials, so all three
// are secrets; header values take ${VAR} only (put the whole value, e.g.
// "Bearer abc", in the variable).
type WebhookNotifier struct {
	URL            Secret            `yaml:"url"`
	URLFile        string            `yaml:"url_file"`
	Headers        map[string]Secret `yaml:"headers"`
	HMACSecret     Secret            `yaml:"hmac_secret"`
	HMACSecretFile string            `yaml:"hmac_secret_file"`
}

// SlackNotifier mirrors slack.Config; the incoming-webhook URL is the
// credential.
type SlackNotifier struct {
	URL       Secret `yaml:"url"`
	URLFile   string `yaml:"url_file"`
	Channel   string `yaml:"channel"`
	Username  string `yaml:"username"`
	IconEmoji string `yaml:"icon_emoji"`
	Subject   string `yaml:"subject"`
	Text      string `yaml:"text"`
}

// TeamsNotifier mirrors teams.Config; the Workflows URL is the credential.
type TeamsNotifier struct {
	URL     Secret `yaml:"url"`
	URLFile string `yaml:"url_file"`
	Subject string `yaml:"subject"`
	Text    string `yaml:"text"`
}

// EmailNotifier mirrors email.Config (SMTP); the password is the secret.
type EmailNotifier struct {
	Host         string   `yaml:"host"`
	Port         int      `yaml:"port"`
	TLS          string   `yaml:"tls"`
	CAFile       string   `yaml:"ca_file"`
	Username     string   `yaml:"username"`
	Password     Secret   `yaml:"password"`
	PasswordFile string   `yaml:"password_file"`
	Auth         string   `yaml:"auth"`
	Hello        string   `yaml:"hello"`
	From         string   `yaml:"from"`
	To           []string `yaml:"to"`
	Subject      string   `yaml:"subject"`
	Text         string   `yaml:"text"`
}

// SMSNotifier mirrors sms.Config (Twilio-compatible); the auth token is
// the secret, the account SID an identifier.
type SMSNotifier struct {
	AccountSID          string `yaml:"account_sid"`
	AuthToken           Secret `yaml:"auth_token"`
	AuthTokenFile       string `yaml:"auth_token_file"`
	From                string `yaml:"from"`
	MessagingServiceSID string `yaml:"messaging_service_sid"`
	To                  string `yaml:"to"`
	URL                 string `yaml:"url"`
	Text                string `yaml:"text"`
}

// PagerDutyNotifier mirrors pagerduty.Config (Events API v2); the routing
// key is the secret.
type PagerDutyNotifier struct {
	RoutingKey     Secret `yaml:"routing_key"`
	RoutingKeyFile string `yaml:"routing_key_file"`
	URL            string `yaml:"url"`
	Source         string `yaml:"source"`
	Component      string `yaml:"component"`
	Group          string `yaml:"group"`
	Class          string `yaml:"class"`
	Client         string `yaml:"client"`
	ClientURL      string `yaml:"client_url"`
	Subject        string `yaml:"subject"`
}

// OpsgenieNotifier mirrors opsgenie.Config (Alert API v2); the API key is
// the secret.
type OpsgenieNotifier struct {
	APIKey     Secret              `yaml:"api_key"`
	APIKeyFile string              `yaml:"api_key_file"`
	Region     string              `yaml:"region"`
	URL        string              `yaml:"url"`
	Responders []OpsgenieResponder `yaml:"responders"`
	Tags       []string            `yaml:"tags"`
	Priority   string              `yaml:"priority"`
	Entity     string              `yaml:"entity"`
	Source     string              `yaml:"source"`
	User       string              `yaml:"user"`
	Subject    string              `yaml:"subject"`
	Text       string              `yaml:"text"`
}

// OpsgenieResponder mirrors opsgenie.Responder: a team, user, escalation
// or schedule, by id, name or username.
type OpsgenieResponder struct {
	Type     string `yaml:"type"`
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	Username string `yaml:"username"`
}
