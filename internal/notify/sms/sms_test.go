package sms

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
)

func TestRequestFormat(t *testing.T) {
	var got *http.Request
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r, string(b)
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"sid":"SM123","status":"queued"}`)
	}))
	defer srv.Close()
	n, err := New(Config{AccountSID: "AC123", AuthToken: "T0KEN", From: "+15005550006", To: "+14155552671",
		URL: srv.URL + "/", Text: "{{.Rule}}: {{.Matches}} matches"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatal(err)
	}
	user, pass, ok := got.BasicAuth()
	if got.Method != http.MethodPost || got.URL.Path != "/2010-04-01/Accounts/AC123/Messages.json" ||
		got.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || !ok || user != "AC123" || pass != "T0KEN" {
		t.Fatalf("request %s %s auth %q %q %v", got.Method, got.URL, user, pass, ok)
	}
	if want := "Body=broker-errors%3A+42+matches&From=%2B15005550006&To=%2B14155552671"; body != want {
		t.Errorf("form\n got %s\nwant %s", body, want)
	}
}

func TestMessagingServiceAndDefaultText(t *testing.T) {
	n, err := New(Config{AccountSID: "AC1", AuthToken: "t", MessagingServiceSID: "MG1", To: "+1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := n.Form(notifytest.Sample())
	if err != nil || f.Get("MessagingServiceSid") != "MG1" || f.Has("From") || f.Get("Body") != "[FIRING] broker errors on web-1" {
		t.Fatalf("%v %v", f, err)
	}
}

func TestValidation(t *testing.T) {
	for _, cfg := range []Config{
		{AuthToken: "t", From: "+1", To: "+2"},
		{AccountSID: "AC", AuthToken: "t", To: "+2"},
		{AccountSID: "AC", AuthToken: "t", From: "+1"},
		{AccountSID: "AC", AuthToken: "t", From: "+1", To: "+2", URL: "ftp://x"},
	} {
		if _, err := New(cfg, nil); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
}

func TestClassification(t *testing.T) {
	f := func(status int, permanent bool) {
		t.Helper()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			io.WriteString(w, `{"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}`)
		}))
		defer srv.Close()
		n, _ := New(Config{AccountSID: "AC", AuthToken: "t", From: "+1", To: "+2", URL: srv.URL}, nil)
		if err := n.Notify(context.Background(), notifytest.Sample()); err == nil || notify.IsPermanent(err) != permanent {
			t.Errorf("status %d: %v", status, err)
		}
	}
	f(http.StatusBadRequest, true)
	f(http.StatusUnauthorized, true)
	f(http.StatusTooManyRequests, false)
	f(http.StatusInternalServerError, false)
}

func TestNoSecretLeak(t *testing.T) {
	notifytest.AssertNoSecretLeak(t, func(t *testing.T, base string) notify.Notifier {
		n, err := New(Config{AccountSID: "ACSIDSECRET", AuthToken: "TWILIOTOKEN", From: "+1", To: "+2", URL: base}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}, "TWILIOTOKEN", "ACSIDSECRET")
}
