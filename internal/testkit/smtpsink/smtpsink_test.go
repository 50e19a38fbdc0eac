package smtpsink

import (
	"net/smtp"
	"strings"
	"testing"
)

func TestSinkKeepsMessages(t *testing.T) {
	s := Start(t)
	msg := "From: a@example.com\r\nTo: b@example.com\r\nSubject: =?utf-8?q?caf=C3=A9_down?=\r\n\r\nbody line\r\n"
	if err := smtp.SendMail(s.Addr(), nil, "a@example.com", []string{"b@example.com", "c@example.com"}, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	got := s.Messages()
	if len(got) != 1 {
		t.Fatalf("messages %v", got)
	}
	m := got[0]
	if m.From != "a@example.com" || strings.Join(m.To, ",") != "b@example.com,c@example.com" || m.Subject != "café down" || !strings.Contains(m.Body, "body line") {
		t.Fatalf("message %+v", m)
	}
}
