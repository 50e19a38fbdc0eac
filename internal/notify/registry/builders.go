package registry

import (
	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/email"
	"github.com/logstack/logstack/internal/notify/opsgenie"
	"github.com/logstack/logstack/internal/notify/pagerduty"
	"github.com/logstack/logstack/internal/notify/slack"
	"github.com/logstack/logstack/internal/notify/sms"
	"github.com/logstack/logstack/internal/notify/teams"
	"github.com/logstack/logstack/internal/notify/webhook"
)

// builders maps each config.NotifierTypes entry to the function that
// converts its settings (resolving secrets with Value) and calls the
// package's New. The HTTP notifiers get a nil client: notify.HTTPSender's
// default, whose 30s timeout backs up the Retrier's attempt_timeout.
var builders = map[string]func(config.Notifier) (notify.Notifier, error){
	config.NotifierWebhook:   buildWebhook,
	config.NotifierSlack:     buildSlack,
	config.NotifierTeams:     buildTeams,
	config.NotifierEmail:     buildEmail,
	config.NotifierSMS:       buildSMS,
	config.NotifierPagerDuty: buildPagerDuty,
	config.NotifierOpsgenie:  buildOpsgenie,
}

func buildWebhook(n config.Notifier) (notify.Notifier, error) {
	c := n.Webhook
	if c == nil {
		return nil, errNoSettings(n.Type)
	}
	var headers map[string]string
	if len(c.Headers) > 0 {
		headers = make(map[string]string, len(c.Headers))
		for k, v := range c.Headers {
			headers[k] = v.Value()
		}
	}
	return webhook.New(webhook.Config{URL: c.URL.Value(), Headers: headers, HMACSecret: c.HMACSecret.Value()}, nil)
}

func buildSlack(n config.Notifier) (notify.Notifier, error) {
	c := n.Slack
	if c == nil {
		return nil, errNoSettings(n.Type)
	}
	return slack.New(slack.Config{URL: c.URL.Value(), Channel: c.Channel, Username: c.Username,
		IconEmoji: c.IconEmoji, Subject: c.Subject, Text: c.Text}, nil)
}

func buildTeams(n config.Notifier) (notify.Notifier, error) {
	c := n.Teams
	if c == nil {
		return nil, errNoSettings(n.Type)
	}
	return teams.New(teams.Config{URL: c.URL.Value(), Subject: c.Subject, Text: c.Text}, nil)
}

func buildEmail(n config.Notifier) (notify.Notifier, error) {
	c := n.Email
	if c == nil {
		return nil, errNoSettings(n.Type)
	}
	return email.New(email.Config{Host: c.Host, Port: c.Port, TLS: c.TLS, CAFile: c.CAFile, Username: c.Username,
		Password: c.Password.Value(), Auth: c.Auth, Hello: c.Hello, From: c.From,
		To: c.To, Subject: c.Subject, Text: c.Text})
}

func buildSMS(n config.Notifier) (notify.Notifier, error) {
	c := n.SMS
	if c == nil {
		return nil, errNoSettings(n.Type)
	}
	return sms.New(sms.Config{AccountSID: c.AccountSID, AuthToken: c.AuthToken.Value(), From: c.From,
		MessagingServiceSID: c.MessagingServiceSID, To: c.To, URL: c.URL, Text: c.Text}, nil)
}

func buildPagerDuty(n config.Notifier) (notify.Notifier, error) {
	c := n.PagerDuty
	if c == nil {
		return nil, errNoSettings(n.Type)
	}
	return pagerduty.New(pagerduty.Config{RoutingKey: c.RoutingKey.Value(), URL: c.URL, Source: c.Source,
		Component: c.Component, Group: c.Group, Class: c.Class, Client: c.Client,
		ClientURL: c.ClientURL, Subject: c.Subject}, nil)
}

func buildOpsgenie(n config.Notifier) (notify.Notifier, error) {
	c := n.Opsgenie
	if c == nil {
		return nil, errNoSettings(n.Type)
	}
	responders := make([]opsgenie.Responder, len(c.Responders))
	for i, r := range c.Responders {
		responders[i] = opsgenie.Responder{Type: r.Type, ID: r.ID, Name: r.Name, Username: r.Username}
	}
	return opsgenie.New(opsgenie.Config{APIKey: c.APIKey.Value(), Region: c.Region, URL: c.URL,
		Responders: responders, Tags: c.Tags, Priority: c.Priority, Entity: c.Entity, Source: c.Source,
		User: c.User, Subject: c.Subject, Text: c.Text}, nil)
}
