package email

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"strings"
)

// TLS modes.
const (
	// TLSStartTLS upgrades a plain connection with STARTTLS and fails when the
	// server does not offer it (the default; port 587).
	TLSStartTLS = "starttls"
	// TLSImplicit speaks TLS from the first byte (SMTPS, port 465).
	TLSImplicit = "tls"
	// TLSNone sends in clear; authentication is then refused.
	TLSNone = "none"
)

// Config is one SMTP relay and its recipients. Password is a secret. Auth is
// "plain", "login" or "" (PLAIN when the server offers it, else LOGIN).
// The relay's certificate is verified against CAFile when set (a private
// relay with its own CA), else the system roots; TLSConfig, when set, is
// used as is instead (tests inject their CA).
type Config struct {
	Host      string      `yaml:"host"`
	Port      int         `yaml:"port"`
	TLS       string      `yaml:"tls"`
	CAFile    string      `yaml:"ca_file"`
	TLSConfig *tls.Config `yaml:"-"`
	Username  string      `yaml:"username"`
	Password  string      `yaml:"password"`
	Auth      string      `yaml:"auth"`
	Hello     string      `yaml:"hello"`
	From      string      `yaml:"from"`
	To        []string    `yaml:"to"`
	Subject   string      `yaml:"subject"`
	Text      string      `yaml:"text"`
}

// validate fills defaults and collects every problem.
func (c *Config) validate() (from *mail.Address, to []string, err error) {
	var errs []error
	if c.Host == "" {
		errs = append(errs, errors.New("host is required"))
	}
	switch c.TLS {
	case "":
		c.TLS = TLSStartTLS
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		errs = append(errs, fmt.Errorf("tls %q is not starttls, tls or none", c.TLS))
	}
	if c.Port == 0 {
		c.Port = map[string]int{TLSImplicit: 465, TLSNone: 25}[c.TLS]
		if c.Port == 0 {
			c.Port = 587
		}
	}
	switch strings.ToLower(c.Auth) {
	case "", "plain", "login":
	default:
		errs = append(errs, fmt.Errorf("auth %q is not plain or login", c.Auth))
	}
	if c.CAFile != "" && c.TLS == TLSNone {
		errs = append(errs, errors.New("ca_file needs tls starttls or tls"))
	}
	if c.Username != "" && c.TLS == TLSNone {
		errs = append(errs, errors.New("authentication needs tls starttls or tls"))
	}
	from, err = mail.ParseAddress(c.From)
	if err != nil {
		errs = append(errs, fmt.Errorf("from: %w", err))
	}
	if len(c.To) == 0 {
		errs = append(errs, errors.New("to needs at least one address"))
	}
	for _, t := range c.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			errs = append(errs, fmt.Errorf("to %q: %w", t, err))
			continue
		}
		to = append(to, a.Address)
	}
	return from, to, errors.Join(errs...)
}

// loadCA reads CAFile into a pool; a file without a PEM certificate is an
// error so that a wrong path never falls back to the system roots.
func loadCA(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ca_file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("ca_file %s: no PEM certificate", path)
	}
	return pool, nil
}
