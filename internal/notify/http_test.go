package notify

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)
	f := func(v string, want time.Duration) {
		t.Helper()
		if got := ParseRetryAfter(v, now); got != want {
			t.Errorf("ParseRetryAfter(%q) = %s, want %s", v, got, want)
		}
	}
	f("", 0)
	f("120", 2*time.Minute)
	f(" 3 ", 3*time.Second)
	f("-1", 0)
	f("soon", 0)
	f("Fri, 04 Dec 2026 18:01:30 GMT", 90*time.Second)
	f("Fri, 04 Dec 2026 17:00:00 GMT", 0)
}

func TestHTTPSenderClassifiesAndMasks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte("slow down, key TOPSECRET " + strings.Repeat("x", 1000)))
	}))
	defer srv.Close()
	s := &HTTPSender{Secrets: []string{"TOPSECRET"}}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/path/TOPSECRET", nil)
	_, err := s.Do(req)
	if err == nil || IsPermanent(err) || RetryAfter(err) != 5*time.Second {
		t.Fatalf("err %v", err)
	}
	if strings.Contains(err.Error(), "TOPSECRET") || len(err.Error()) > 600 {
		t.Errorf("error not masked or not bounded: %q", err)
	}
	srv.Close()
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/path/TOPSECRET", nil)
	_, err = s.Do(req)
	if err == nil || IsPermanent(err) || strings.Contains(err.Error(), "TOPSECRET") {
		t.Fatalf("transport error %v", err)
	}
}

func TestPermanentWrapping(t *testing.T) {
	base := errors.New("bad")
	err := Permanent(base)
	if !IsPermanent(err) || !errors.Is(err, base) || err.Error() != "bad" || Permanent(nil) != nil {
		t.Fatalf("Permanent: %v", err)
	}
	if IsPermanent(Retryable(base, time.Second)) || Retryable(nil, 0) != nil {
		t.Fatal("Retryable misclassified")
	}
}
