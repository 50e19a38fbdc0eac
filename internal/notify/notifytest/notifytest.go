package notifytest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

// Sample is a fully populated notification for tests.
func Sample() notify.Notification {
	return notify.Notification{
		AlertKey: "broker-errors/host=web-1", Rule: "broker-errors", State: notify.StateFiring,
		Severity: "critical", Subject: "broker errors on web-1", Text: "42 errors in 5m",
		Matches: 42, Labels: map[string]string{"host": "web-1"}, Fields: map[string]any{"status": 502},
		Time: time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC), Level: 1, DedupKey: "dk-0123456789",
	}
}

// Build makes the notifier under test pointed at baseURL (a test server's URL,
// or a closed one); every secret it is configured with must be listed in secrets.
type Build func(t *testing.T, baseURL string) notify.Notifier

// AssertNoSecretLeak drives the notifier into every kind of failure (a 500 and
// a 400 whose bodies echo the whole request, and a refused connection) and
// fails t if an error contains any of secrets.
func AssertNoSecretLeak(t *testing.T, build Build, secrets ...string) {
	t.Helper()
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadRequest, http.StatusTooManyRequests} {
		srv := httptest.NewServer(echoHandler(status))
		err := build(t, srv.URL).Notify(context.Background(), Sample())
		srv.Close()
		checkErr(t, err, secrets, "status "+http.StatusText(status))
	}
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	err := build(t, srv.URL).Notify(context.Background(), Sample())
	checkErr(t, err, secrets, "refused connection")
}

func checkErr(t *testing.T, err error, secrets []string, what string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: want an error, got nil", what)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(err.Error(), s) {
			t.Errorf("%s: error leaks secret %q: %v", what, s, err)
		}
	}
}

// echoHandler answers status with a body repeating the request line, headers
// and body, as some services do in their error pages.
func echoHandler(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var b strings.Builder
		b.WriteString(r.Method + " " + r.URL.String() + "\n")
		for k, v := range r.Header {
			b.WriteString(k + ": " + strings.Join(v, ",") + "\n")
		}
		b.Write(body)
		w.WriteHeader(status)
		io.WriteString(w, b.String())
	}
}
