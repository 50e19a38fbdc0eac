package webhook

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
)

func TestRequestFormat(t *testing.T) {
	var got *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, body = r, must(io.ReadAll(r.Body))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/hooks/abc?token=t0k", Headers: map[string]string{"Authorization": "Bearer xyz"}, HMACSecret: "s3cret"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n.now = func() time.Time { return time.Unix(1700000000, 0) }
	if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.URL.Path != "/hooks/abc" || got.URL.Query().Get("token") != "t0k" {
		t.Errorf("request %s %s", got.Method, got.URL)
	}
	for k, want := range map[string]string{
		"Content-Type": "application/json", "Authorization": "Bearer xyz", TimestampHeader: "1700000000",
		SignatureHeader: "sha256=" + Sign("s3cret", "1700000000", body),
	} {
		if v := got.Header.Get(k); v != want {
			t.Errorf("header %s = %q, want %q", k, v, want)
		}
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"version": "1", "alert_key": "broker-errors/host=web-1", "rule": "broker-errors", "state": "firing",
		"severity": "critical", "subject": "broker errors on web-1", "text": "42 errors in 5m", "matches": 42.0,
		"labels": map[string]any{"host": "web-1"}, "fields": map[string]any{"status": 502.0},
		"time": "2026-12-04T18:00:00Z", "escalation_level": 1.0, "dedup_key": "dk-0123456789",
	}
	if a, b := must(json.Marshal(m)), must(json.Marshal(want)); string(a) != string(b) {
		t.Errorf("body\n got %s\nwant %s", a, b)
	}
}

func TestNoSignatureWithoutSecret(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(SignatureHeader) != "" || r.Header.Get(TimestampHeader) != "" {
			w.WriteHeader(http.StatusBadRequest)
		}
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatal(err)
	}
}

func TestClassification(t *testing.T) {
	f := func(status int, retryAfter string, permanent bool, wait time.Duration) {
		t.Helper()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(status)
		}))
		defer srv.Close()
		n, _ := New(Config{URL: srv.URL}, nil)
		err := n.Notify(context.Background(), notifytest.Sample())
		if err == nil || notify.IsPermanent(err) != permanent || notify.RetryAfter(err) != wait {
			t.Errorf("status %d: err %v permanent %v wait %s", status, err, notify.IsPermanent(err), notify.RetryAfter(err))
		}
	}
	f(http.StatusBadRequest, "", true, 0)
	f(http.StatusNotFound, "", true, 0)
	f(http.StatusTooManyRequests, "7", false, 7*time.Second)
	f(http.StatusServiceUnavailable, "", false, 0)
	f(http.StatusBadGateway, "2", false, 2*time.Second)
}

func TestInvalidConfig(t *testing.T) {
	for _, u := range []string{"", "ftp://x", "/relative", "http://"} {
		if _, err := New(Config{URL: u}, nil); err == nil {
			t.Errorf("url %q accepted", u)
		}
	}
}

func TestNoSecretLeak(t *testing.T) {
	notifytest.AssertNoSecretLeak(t, func(t *testing.T, base string) notify.Notifier {
		n, err := New(Config{URL: base + "/hook/T000SECRETPATH?token=QUERYSECRET", HMACSecret: "HMACSECRET",
			Headers: map[string]string{"Authorization": "Bearer HEADERSECRET"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}, "T000SECRETPATH", "QUERYSECRET", "HMACSECRET", "HEADERSECRET")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
