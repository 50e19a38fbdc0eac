package slack

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
)

func TestRequestFormat(t *testing.T) {
	var got *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/services/T000/B000/XXXX", Channel: "#ops", Username: "logstack",
		Text: "{{.Text}} (level {{.Level}})"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.URL.Path != "/services/T000/B000/XXXX" || got.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("request %s %s %v", got.Method, got.URL, got.Header)
	}
	want := `{"text":"[FIRING] broker errors on web-1","channel":"#ops","username":"logstack","attachments":[` +
		`{"fallback":"[FIRING] broker errors on web-1","color":"#D00000","title":"[FIRING] broker errors on web-1",` +
		`"text":"42 errors in 5m (level 1)","fields":[{"title":"Rule","value":"broker-errors","short":true},` +
		`{"title":"Severity","value":"critical","short":true},{"title":"Matches","value":"42","short":true},` +
		`{"title":"host","value":"web-1","short":true}],"footer":"logstack","ts":1796407200}]}`
	if string(body) != want {
		t.Errorf("body\n got %s\nwant %s", body, want)
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
}

func TestResolvedColor(t *testing.T) {
	n, _ := New(Config{URL: "https://hooks.slack.com/services/x"}, nil)
	s := notifytest.Sample()
	s.State = notify.StateResolved
	m, err := n.Build(s)
	if err != nil || m.Attachments[0].Color != "#2EB67D" || m.Text != "[RESOLVED] broker errors on web-1" {
		t.Fatalf("%+v %v", m, err)
	}
}

func TestClassification(t *testing.T) {
	f := func(status int, body string, permanent bool) {
		t.Helper()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			io.WriteString(w, body)
		}))
		defer srv.Close()
		n, _ := New(Config{URL: srv.URL + "/x"}, nil)
		err := n.Notify(context.Background(), notifytest.Sample())
		if err == nil || notify.IsPermanent(err) != permanent {
			t.Errorf("status %d: %v", status, err)
		}
	}
	f(http.StatusBadRequest, "invalid_payload", true)
	f(http.StatusNotFound, "no_service", true)
	f(http.StatusGone, "channel_is_archived", true)
	f(http.StatusTooManyRequests, "rate limited", false)
	f(http.StatusInternalServerError, "", false)
}

func TestBadTemplate(t *testing.T) {
	if _, err := New(Config{URL: "https://x/y", Subject: "{{"}, nil); err == nil {
		t.Fatal("bad template accepted")
	}
}

func TestNoSecretLeak(t *testing.T) {
	notifytest.AssertNoSecretLeak(t, func(t *testing.T, base string) notify.Notifier {
		n, err := New(Config{URL: base + "/services/T0/B0/SLACKTOKEN123"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}, "SLACKTOKEN123")
}
