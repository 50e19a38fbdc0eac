package notify

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
	"unicode/utf8"
)

// Template is a parsed text/template rendered against a Notification. It is
// parsed when a notifier is built so that a broken template fails the start-up
// instead of the first alert.
type Template struct {
	t *template.Template
}

// Funcs are the functions every notifier template can use, beyond text/template's
// builtins: upper, lower, join, truncate N, default FALLBACK, json, label NAME.
var Funcs = template.FuncMap{
	"upper":    func(v any) string { return strings.ToUpper(fmt.Sprint(v)) },
	"lower":    func(v any) string { return strings.ToLower(fmt.Sprint(v)) },
	"join":     func(sep string, s []string) string { return strings.Join(s, sep) },
	"truncate": Truncate,
	"default": func(def string, v any) string {
		if s := fmt.Sprint(v); v != nil && s != "" {
			return s
		}
		return def
	},
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}

// ParseTemplate parses text; an empty text yields a nil *Template, which
// renders the fallback given to Render.
func ParseTemplate(name, text string) (*Template, error) {
	if text == "" {
		return nil, nil
	}
	t, err := template.New(name).Option("missingkey=zero").Funcs(Funcs).Funcs(template.FuncMap{
		"label": func(string) string { return "" },
	}).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("parse template %s: %w", name, err)
	}
	return &Template{t: t}, nil
}

// Render executes the template with n as dot ({{.Rule}}, {{.Labels.host}},
// {{label "host"}}); a nil template returns fallback. Failures are permanent:
// the same input fails the same way on retry.
func (t *Template) Render(n Notification, fallback string) (string, error) {
	if t == nil {
		return fallback, nil
	}
	clone, err := t.t.Clone()
	if err != nil {
		return "", Permanentf("clone template %s: %w", t.t.Name(), err)
	}
	clone.Funcs(template.FuncMap{"label": func(k string) string { return n.Labels[k] }})
	var b strings.Builder
	if err := clone.Execute(&b, n); err != nil {
		return "", Permanentf("render template %s: %w", t.t.Name(), err)
	}
	return b.String(), nil
}

// Truncate shortens s to at most max runes, ending with "…" when cut; services
// reject over-long fields (PagerDuty summary 1024, Opsgenie message 130).
func Truncate(max int, s string) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// Message is the pair of templates every notifier renders: a subject (chat
// title, e-mail subject, PagerDuty summary) and a body.
type Message struct {
	Subject *Template
	Text    *Template
}

// ParseMessage parses the subject and text templates of one notifier config;
// empty texts keep the rule's own rendered Subject and Text.
func ParseMessage(subject, text string) (Message, error) {
	s, err := ParseTemplate("subject", subject)
	if err != nil {
		return Message{}, err
	}
	t, err := ParseTemplate("text", text)
	if err != nil {
		return Message{}, err
	}
	return Message{Subject: s, Text: t}, nil
}

// Render renders both templates against n.
func (m Message) Render(n Notification) (subject, text string, err error) {
	if subject, err = m.Subject.Render(n, n.Subject); err != nil {
		return "", "", err
	}
	if text, err = m.Text.Render(n, n.Text); err != nil {
		return "", "", err
	}
	return subject, text, nil
}

// StateTitle is the upper-case state prefix used in chat titles and subjects.
func StateTitle(s State) string { return strings.ToUpper(string(s)) }
