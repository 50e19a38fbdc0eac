package email

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// buildMessage renders an RFC 5322 message with a multipart/alternative body.
// Every notification of one alert references the same thread id so that mail
// clients group firing, acknowledged and resolved together.
func buildMessage(from string, to []string, subject, text string, n notify.Notification, now time.Time) ([]byte, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := writePart(mw, "text/plain; charset=utf-8", text); err != nil {
		return nil, err
	}
	htmlText := "<!DOCTYPE html><html><body><pre>" + html.EscapeString(text) + "</pre></body></html>"
	if err := writePart(mw, "text/html; charset=utf-8", htmlText); err != nil {
		return nil, err
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	var msg bytes.Buffer
	thread := "<" + threadID(n) + "@logstack>"
	headers := [][2]string{
		{"From", from},
		{"To", strings.Join(to, ", ")},
		{"Subject", mime.QEncoding.Encode("utf-8", subject)},
		{"Date", now.Format(time.RFC1123Z)},
		{"Message-ID", "<" + randomID() + "@logstack>"},
		{"References", thread},
		{"In-Reply-To", thread},
		{"X-Logstack-Alert-Key", mime.QEncoding.Encode("utf-8", n.AlertKey)},
		{"X-Logstack-State", string(n.State)},
		{"MIME-Version", "1.0"},
		{"Content-Type", `multipart/alternative; boundary="` + mw.Boundary() + `"`},
	}
	for _, h := range headers {
		fmt.Fprintf(&msg, "%s: %s\r\n", h[0], h[1])
	}
	msg.WriteString("\r\n")
	msg.Write(body.Bytes())
	return msg.Bytes(), nil
}

func writePart(mw *multipart.Writer, contentType, content string) error {
	w, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type": {contentType}, "Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return err
	}
	qp := quotedprintable.NewWriter(w)
	if _, err := qp.Write([]byte(content)); err != nil {
		return err
	}
	return qp.Close()
}

// threadID is a header-safe form of the alert's dedup key.
func threadID(n notify.Notification) string {
	k := n.DedupKey
	if k == "" {
		k = n.AlertKey
	}
	return hex.EncodeToString([]byte(k))
}

func randomID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
