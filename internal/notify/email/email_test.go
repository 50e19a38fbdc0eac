package email

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gosmtp "github.com/emersion/go-smtp"

	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
)

func TestSendStartTLSAuth(t *testing.T) {
	for _, mechs := range [][]string{{"PLAIN", "LOGIN"}, {"LOGIN"}} {
		t.Run(strings.Join(mechs, "+"), func(t *testing.T) {
			srv := startSMTP(t, true, mechs...)
			cfg := srv.config()
			cfg.Text = "{{.Text}}\nhost: {{label \"host\"}} <b>"
			n, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
				t.Fatal(err)
			}
			msgs := srv.messages()
			if len(msgs) != 1 {
				t.Fatalf("%d messages", len(msgs))
			}
			m := msgs[0]
			if !m.tls || m.user != "alerts@example.com" || m.from != "alerts@example.com" ||
				!slices.Equal(m.to, []string{"oncall@example.com", "team@example.com"}) {
				t.Fatalf("envelope %+v", m)
			}
			checkMessage(t, m.data, "42 errors in 5m\nhost: web-1 <b>")
		})
	}
}

// checkMessage parses the message as a mail client would.
func checkMessage(t *testing.T, data []byte, wantText string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "[FIRING] broker errors on web-1" {
		t.Errorf("subject %q %v", subject, err)
	}
	if msg.Header.Get("From") != `"logstack" <alerts@example.com>` || msg.Header.Get("X-Logstack-State") != "firing" ||
		msg.Header.Get("References") == "" || msg.Header.Get("Message-Id") == "" || msg.Header.Get("Date") == "" {
		t.Errorf("headers %v", msg.Header)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q %v", mt, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var parts []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p) // NextPart decodes quoted-printable
		parts = append(parts, p.Header.Get("Content-Type")+"|"+string(b))
	}
	wantText = strings.ReplaceAll(wantText, "\n", "\r\n") // SMTP line endings
	want := []string{
		"text/plain; charset=utf-8|" + wantText,
		"text/html; charset=utf-8|<!DOCTYPE html><html><body><pre>" + strings.ReplaceAll(wantText, "<b>", "&lt;b&gt;") + "</pre></body></html>",
	}
	if !slices.Equal(parts, want) {
		t.Errorf("parts\n got %q\nwant %q", parts, want)
	}
}

func TestSubjectHeaderInjection(t *testing.T) {
	srv := startSMTP(t, true, "PLAIN")
	n, err := New(srv.config())
	if err != nil {
		t.Fatal(err)
	}
	s := notifytest.Sample()
	s.Subject = "x\r\nBcc: evil@example.com"
	if err := n.Notify(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(srv.messages()[0].data))
	if err != nil || msg.Header.Get("Bcc") != "" {
		t.Fatalf("injected header: %v %v", msg.Header, err)
	}
}

func TestWrongPasswordIsPermanentAndMasked(t *testing.T) {
	srv := startSMTP(t, true, "PLAIN")
	cfg := srv.config()
	cfg.Password = "WRONGPASSWORD"
	n, _ := New(cfg)
	err := n.Notify(context.Background(), notifytest.Sample())
	if err == nil || !notify.IsPermanent(err) || strings.Contains(err.Error(), "WRONGPASSWORD") {
		t.Fatalf("err %v", err)
	}
}

func TestNoStartTLSNeverSendsPassword(t *testing.T) {
	srv := startSMTP(t, false, "PLAIN", "LOGIN")
	n, _ := New(srv.config())
	err := n.Notify(context.Background(), notifytest.Sample())
	if err == nil || !notify.IsPermanent(err) || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("err %v", err)
	}
	if srv.auth != 0 || len(srv.messages()) != 0 {
		t.Fatalf("auth attempts %d", srv.auth)
	}
}

func TestUntrustedCertificateIsPermanent(t *testing.T) {
	srv := startSMTP(t, true, "PLAIN")
	cfg := srv.config()
	cfg.TLSConfig = nil // system roots do not trust the test CA
	n, _ := New(cfg)
	if err := n.Notify(context.Background(), notifytest.Sample()); err == nil || !notify.IsPermanent(err) {
		t.Fatalf("err %v", err)
	}
}

// TestCAFile trusts a private relay's CA from a PEM file, and refuses a
// file that holds no certificate rather than falling back to the system
// roots.
func TestCAFile(t *testing.T) {
	srv := startSMTP(t, true, "PLAIN")
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := srv.config()
	cfg.TLSConfig, cfg.CAFile = nil, ca
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatalf("send with ca_file: %v", err)
	}
	if got := len(srv.messages()); got != 1 {
		t.Fatalf("%d messages, want 1", got)
	}

	empty := filepath.Join(dir, "empty.pem")
	if err := os.WriteFile(empty, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{empty: "no PEM certificate", filepath.Join(dir, "missing.pem"): "no such file"} {
		cfg.CAFile = path
		if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ca_file %s: err %v, want %q", path, err, want)
		}
	}
}

func TestReplyCodeClassification(t *testing.T) {
	f := func(code int, permanent bool) {
		t.Helper()
		srv := startSMTP(t, true, "PLAIN")
		srv.rcptErr = &gosmtp.SMTPError{Code: code, EnhancedCode: gosmtp.EnhancedCode{code / 100, 0, 0}, Message: "nope"}
		n, _ := New(srv.config())
		err := n.Notify(context.Background(), notifytest.Sample())
		if err == nil || notify.IsPermanent(err) != permanent || !strings.Contains(err.Error(), "rcpt to") {
			t.Errorf("code %d: %v", code, err)
		}
	}
	f(451, false)
	f(452, false)
	f(550, true)
	f(553, true)
}

func TestConnectionRefusedIsRetryable(t *testing.T) {
	srv := startSMTP(t, true, "PLAIN")
	cfg := srv.config()
	cfg.Port = 1
	n, _ := New(cfg)
	err := n.Notify(context.Background(), notifytest.Sample())
	if err == nil || notify.IsPermanent(err) || strings.Contains(err.Error(), srv.pass) {
		t.Fatalf("err %v", err)
	}
}

func TestContextBoundsTheDialogue(t *testing.T) {
	srv := startSMTP(t, true, "PLAIN")
	n, _ := New(srv.config())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := n.Notify(ctx, notifytest.Sample()); err == nil {
		t.Fatal("sent with a cancelled context")
	}
}

func TestValidation(t *testing.T) {
	f := func(cfg Config, want string) {
		t.Helper()
		_, err := New(cfg)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: err %v, want %q", cfg, err, want)
		}
	}
	ok := Config{Host: "smtp.example.com", From: "a@example.com", To: []string{"b@example.com"}}
	f(Config{}, "host is required")
	bad := ok
	bad.TLS = "ssl"
	f(bad, "tls \"ssl\"")
	bad = ok
	bad.TLS, bad.Username = TLSNone, "u"
	f(bad, "authentication needs tls")
	bad = ok
	bad.TLS, bad.CAFile = TLSNone, "ca.pem"
	f(bad, "ca_file needs tls")
	bad = ok
	bad.To = []string{"not an address"}
	f(bad, "to \"not an address\"")
	bad = ok
	bad.Auth = "cram-md5"
	f(bad, "auth \"cram-md5\"")
	n, err := New(ok)
	if err != nil || n.cfg.Port != 587 {
		t.Fatalf("defaults: %v %+v", err, n)
	}
}

func TestImplicitTLS(t *testing.T) {
	srv := startSMTPListener(t, true, true, "PLAIN")
	cfg := srv.config()
	cfg.TLS = TLSImplicit
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatal(err)
	}
	if m := srv.messages(); len(m) != 1 || !m[0].tls || m[0].user != srv.user {
		t.Fatalf("messages %+v", m)
	}
}
