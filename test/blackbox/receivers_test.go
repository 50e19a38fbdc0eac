package blackbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// chatReceiver is a Slack-compatible incoming webhook: it checks the
// request is what Slack accepts (POST, JSON with text and attachments) and
// keeps the message texts.
type chatReceiver struct {
	URL string
	mu  sync.Mutex
	got []string // the "text" of each accepted message
	bad []string
}

func startChat(t *testing.T) *chatReceiver {
	t.Helper()
	c := &chatReceiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var msg struct {
			Text        string            `json:"text"`
			Attachments []json.RawMessage `json:"attachments"`
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" ||
			json.Unmarshal(body, &msg) != nil || msg.Text == "" || len(msg.Attachments) == 0 {
			c.bad = append(c.bad, r.Method+" "+string(body))
			http.Error(w, "invalid_payload", http.StatusBadRequest)
			return
		}
		c.got = append(c.got, msg.Text)
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(srv.Close)
	c.URL = srv.URL + "/services/T000/B000/XXXX"
	return c
}

func (c *chatReceiver) messages() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.got...)
}

// smsReceiver is a Twilio-compatible Messages API: basic auth with the
// account SID, form-encoded To/From/Body, answered with 201.
type smsReceiver struct {
	URL string
	mu  sync.Mutex
	got []url.Values
	bad []string
}

func startSMS(t *testing.T, sid, token string) *smsReceiver {
	t.Helper()
	s := &smsReceiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		_ = r.ParseForm()
		s.mu.Lock()
		defer s.mu.Unlock()
		if r.Method != http.MethodPost || r.URL.Path != "/2010-04-01/Accounts/"+sid+"/Messages.json" ||
			!ok || user != sid || pass != token || r.PostForm.Get("To") == "" || r.PostForm.Get("Body") == "" {
			s.bad = append(s.bad, r.Method+" "+r.URL.Path)
			http.Error(w, `{"code": 20003}`, http.StatusUnauthorized)
			return
		}
		s.got = append(s.got, r.PostForm)
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"sid": "SM1", "status": "queued"}`)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

func (s *smsReceiver) messages() []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]url.Values(nil), s.got...)
}

// countPrefix counts the texts starting with prefix ("[FIRING]", "[RESOLVED]").
func countPrefix(texts []string, prefix string) int {
	n := 0
	for _, s := range texts {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}
