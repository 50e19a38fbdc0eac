package pagerduty

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
)

func capture(t *testing.T, status int, respBody string) (*httptest.Server, *[]string) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.URL.Path != "/v2/enqueue" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("request %s %s %q", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		bodies = append(bodies, string(b))
		w.WriteHeader(status)
		io.WriteString(w, respBody)
	}))
	t.Cleanup(srv.Close)
	return srv, &bodies
}

func TestLifecycleEvents(t *testing.T) {
	srv, bodies := capture(t, http.StatusAccepted, `{"status":"success","message":"Event processed","dedup_key":"dk-0123456789"}`)
	n, err := New(Config{RoutingKey: "R0UTINGKEY", URL: srv.URL + "/v2/enqueue", Component: "broker", Client: "logstack",
		ClientURL: "https://logstack.example/alerts"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := notifytest.Sample()
	for _, st := range []notify.State{notify.StateFiring, notify.StateAcknowledged, notify.StateResolved} {
		s.State = st
		if err := n.Notify(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		`{"routing_key":"R0UTINGKEY","event_action":"trigger","dedup_key":"dk-0123456789","payload":{"summary":"broker errors on web-1",` +
			`"source":"logstack","severity":"critical","timestamp":"2026-12-04T18:00:00Z","component":"broker","custom_details":` +
			`{"escalation_level":1,"host":"web-1","matches":42,"rule":"broker-errors","status":502,"text":"42 errors in 5m"}},` +
			`"client":"logstack","client_url":"https://logstack.example/alerts"}`,
		`{"routing_key":"R0UTINGKEY","event_action":"acknowledge","dedup_key":"dk-0123456789"}`,
		`{"routing_key":"R0UTINGKEY","event_action":"resolve","dedup_key":"dk-0123456789"}`,
	}
	for i := range want {
		if (*bodies)[i] != want[i] {
			t.Errorf("event %d\n got %s\nwant %s", i, (*bodies)[i], want[i])
		}
	}
}

func TestLimitsAndSeverity(t *testing.T) {
	n, _ := New(Config{RoutingKey: "k"}, nil)
	s := notifytest.Sample()
	s.Subject, s.Severity, s.DedupKey = strings.Repeat("x", 2000), "page-me", strings.Repeat("d", 300)
	ev, err := n.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if len([]rune(ev.Payload.Summary)) != maxSummary || ev.Payload.Severity != "error" || len(ev.DedupKey) != 64 {
		t.Errorf("summary %d severity %s dedup %d", len([]rune(ev.Payload.Summary)), ev.Payload.Severity, len(ev.DedupKey))
	}
	if _, err := New(Config{}, nil); err == nil {
		t.Error("missing routing key accepted")
	}
}

func TestClassification(t *testing.T) {
	f := func(status int, permanent bool) {
		t.Helper()
		srv, _ := capture(t, status, `{"status":"invalid event","message":"Event object is invalid"}`)
		n, _ := New(Config{RoutingKey: "k", URL: srv.URL + "/v2/enqueue"}, nil)
		if err := n.Notify(context.Background(), notifytest.Sample()); err == nil || notify.IsPermanent(err) != permanent {
			t.Errorf("status %d: %v", status, err)
		}
	}
	f(http.StatusBadRequest, true)
	f(http.StatusTooManyRequests, false)
	f(http.StatusInternalServerError, false)
}

func TestNoSecretLeak(t *testing.T) {
	notifytest.AssertNoSecretLeak(t, func(t *testing.T, base string) notify.Notifier {
		n, err := New(Config{RoutingKey: "PDROUTINGKEY42", URL: base + "/v2/enqueue"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}, "PDROUTINGKEY42")
}
