package email

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// Notifier sends one e-mail per notification to the configured recipients.
type Notifier struct {
	cfg  Config
	from *mail.Address
	to   []string
	msg  notify.Message
	now  func() time.Time
}

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg (every problem at once) and parses its templates.
func New(cfg Config) (*Notifier, error) {
	from, to, err := cfg.validate()
	if err != nil {
		return nil, fmt.Errorf("email: %w", err)
	}
	msg, err := notify.ParseMessage(cfg.Subject, cfg.Text)
	if err != nil {
		return nil, fmt.Errorf("email: %w", err)
	}
	if cfg.CAFile != "" && cfg.TLSConfig == nil {
		roots, err := loadCA(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("email: %w", err)
		}
		cfg.TLSConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	}
	return &Notifier{cfg: cfg, from: from, to: to, msg: msg, now: time.Now}, nil
}

// Notify sends n. The whole SMTP dialogue is bounded by ctx.
func (e *Notifier) Notify(ctx context.Context, n notify.Notification) error {
	subject, text, err := e.msg.Render(n)
	if err != nil {
		return fmt.Errorf("email: %w", err)
	}
	subject = "[" + notify.StateTitle(n.State) + "] " + subject
	data, err := buildMessage(e.from.String(), e.to, subject, text, n, e.now())
	if err != nil {
		return notify.Permanentf("email: build message: %w", err)
	}
	if err := e.send(ctx, data); err != nil {
		return e.classify(err)
	}
	return nil
}

// stepError names the SMTP step that failed.
type stepError struct {
	step string
	err  error
}

// Error prefixes the step, e.g. "rcpt to: 550 ...".
func (s *stepError) Error() string { return s.step + ": " + s.err.Error() }

// Unwrap exposes the cause for classification (textproto.Error, x509 errors).
func (s *stepError) Unwrap() error { return s.err }

func step(name string, err error) error {
	if err == nil {
		return nil
	}
	return &stepError{step: name, err: err}
}

// send runs one SMTP transaction.
func (e *Notifier) send(ctx context.Context, data []byte) error {
	c, stop, err := e.dial(ctx)
	if err != nil {
		return err
	}
	defer stop()
	defer c.Close()
	if err := e.secure(c); err != nil {
		return err
	}
	if err := step("mail from", c.Mail(e.from.Address)); err != nil {
		return err
	}
	for _, to := range e.to {
		if err := step("rcpt to", c.Rcpt(to)); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return step("data", err)
	}
	if _, err := w.Write(data); err != nil {
		return step("data", err)
	}
	if err := step("data", w.Close()); err != nil {
		return err
	}
	_ = c.Quit() // the message is accepted; a failed QUIT changes nothing
	return nil
}

// dial connects (with implicit TLS if configured) and says hello; ctx's end
// interrupts any blocked read or write.
func (e *Notifier) dial(ctx context.Context) (*smtp.Client, func() bool, error) {
	addr := net.JoinHostPort(e.cfg.Host, strconv.Itoa(e.cfg.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, nil, step("connect", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	raw := conn // the TCP connection, also under TLS
	stop := context.AfterFunc(ctx, func() { raw.SetDeadline(time.Unix(1, 0)) })
	if e.cfg.TLS == TLSImplicit {
		conn = tls.Client(conn, e.tlsConfig())
	}
	c, err := smtp.NewClient(conn, e.cfg.Host)
	if err != nil {
		stop()
		conn.Close()
		return nil, nil, step("greeting", err)
	}
	hello := e.cfg.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		stop()
		c.Close()
		return nil, nil, step("hello", err)
	}
	return c, stop, nil
}

// secure upgrades with STARTTLS when configured and authenticates.
func (e *Notifier) secure(c *smtp.Client) error {
	if e.cfg.TLS == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return notify.Permanentf("starttls: server does not offer STARTTLS")
		}
		if err := c.StartTLS(e.tlsConfig()); err != nil {
			return step("starttls", err)
		}
	}
	if e.cfg.Username == "" {
		return nil
	}
	ok, mechs := c.Extension("AUTH")
	if !ok {
		return notify.Permanentf("auth: server does not offer AUTH")
	}
	return step("auth", c.Auth(chooseAuth(e.cfg, mechs)))
}

func (e *Notifier) tlsConfig() *tls.Config {
	if e.cfg.TLSConfig != nil {
		c := e.cfg.TLSConfig.Clone()
		if c.ServerName == "" {
			c.ServerName = e.cfg.Host
		}
		return c
	}
	return &tls.Config{ServerName: e.cfg.Host, MinVersion: tls.VersionTLS12}
}

// classify turns an SMTP failure into a permanent or retryable error whose
// text never contains the password.
func (e *Notifier) classify(err error) error {
	msg := err.Error()
	if e.cfg.Password != "" {
		msg = strings.ReplaceAll(msg, e.cfg.Password, "<secret>")
	}
	out := fmt.Errorf("email: %s", msg)
	var tp *textproto.Error
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case notify.IsPermanent(err):
		return notify.Permanent(out)
	case errors.As(err, &tp):
		if tp.Code >= 400 && tp.Code < 500 {
			return notify.Retryable(out, 0)
		}
		return notify.Permanent(out)
	case errors.As(err, &unknownCA), errors.As(err, &hostErr), errors.As(err, &invalid):
		return notify.Permanent(out)
	}
	return notify.Retryable(out, 0)
}
