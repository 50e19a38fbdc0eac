package email

import (
	"net/smtp"
	"strings"

	"github.com/logstack/logstack/internal/notify"
)

// loginAuth implements the LOGIN mechanism (draft-murchison-sasl-login), which
// net/smtp lacks and older relays (Exchange, some hosted SMTP) still require.
// Like smtp.PlainAuth it refuses to send the password without TLS.
type loginAuth struct{ username, password string }

// Start begins LOGIN without an initial response; the server asks for the
// user name first.
func (a *loginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS {
		return "", nil, notify.Permanentf("refusing LOGIN authentication without tls")
	}
	return "LOGIN", nil, nil
}

// Next answers the server's "Username:" and "Password:" challenges.
func (a *loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:":
		return []byte(a.username), nil
	case "password:":
		return []byte(a.password), nil
	}
	return nil, notify.Permanentf("unexpected LOGIN challenge")
}

// chooseAuth picks the configured mechanism, or PLAIN when the server offers
// it and LOGIN otherwise.
func chooseAuth(cfg Config, advertised string) smtp.Auth {
	mech := strings.ToLower(cfg.Auth)
	if mech == "" {
		mech = "login"
		for _, m := range strings.Fields(strings.ToUpper(advertised)) {
			if m == "PLAIN" {
				mech = "plain"
			}
		}
	}
	if mech == "plain" {
		return smtp.PlainAuth("", cfg.Username, cfg.Password, cfg.Host)
	}
	return &loginAuth{username: cfg.Username, password: cfg.Password}
}
