// Package smtpsink is a real SMTP server (emersion/go-smtp) on loopback that
// keeps every message it accepts, so that end-to-end tests can check what
// the alerter's e-mail notifier delivered without a mail system on the
// machine. It speaks plain SMTP without authentication: the notifier's
// STARTTLS and AUTH paths are tested in internal/notify/email.
package smtpsink

import (
	"io"
	"net"
	"net/mail"
	"strconv"
	"sync"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"
)

// Message is one accepted message.
type Message struct {
	From    string
	To      []string
	Subject string
	Body    string
}

// Server is a running sink; its Host and Port go into the notifier's config.
type Server struct {
	Host string
	Port int

	mu   sync.Mutex
	msgs []Message
}

// Start listens on 127.0.0.1 on a free port until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{Host: "127.0.0.1"}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) {
		return &session{sink: s}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Messages returns a copy of what was accepted so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

type session struct {
	sink *Server
	msg  Message
}

func (s *session) Mail(from string, _ *gosmtp.MailOptions) error {
	s.msg = Message{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.msg.To = append(s.msg.To, to)
	return nil
}

// Data parses the message so tests can match on the decoded subject.
func (s *session) Data(r io.Reader) error {
	m, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(m.Body)
	if err != nil {
		return err
	}
	subject, err := new(mimeDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		subject = m.Header.Get("Subject")
	}
	s.msg.Subject, s.msg.Body = subject, string(body)
	s.sink.mu.Lock()
	s.sink.msgs = append(s.sink.msgs, s.msg)
	s.sink.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.msg = Message{} }
func (s *session) Logout() error { return nil }
