package opsgenie

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
)

type captured struct{ method, uri, auth, ctype, body string }

func TestLifecycleRequests(t *testing.T) {
	var got []captured
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, captured{r.Method, r.URL.RequestURI(), r.Header.Get("Authorization"), r.Header.Get("Content-Type"), string(b)})
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"result":"Request will be processed","took":0.302,"requestId":"43a29c5c"}`)
	}))
	defer srv.Close()
	n, err := New(Config{APIKey: "GENIEKEY1", URL: srv.URL, Tags: []string{"logstack"},
		Responders: []Responder{{Type: "team", Name: "ops"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := notifytest.Sample()
	s.DedupKey = "broker errors/web-1"
	for _, st := range []notify.State{notify.StateFiring, notify.StateAcknowledged, notify.StateResolved} {
		s.State = st
		if err := n.Notify(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	want := []captured{
		{"POST", "/v2/alerts", "GenieKey GENIEKEY1", "application/json",
			`{"message":"broker errors on web-1","alias":"broker errors/web-1","description":"42 errors in 5m",` +
				`"responders":[{"type":"team","name":"ops"}],"tags":["logstack"],"details":{"escalation_level":"1","host":"web-1",` +
				`"matches":"42","rule":"broker-errors","status":"502"},"source":"logstack","priority":"P1"}`},
		{"POST", "/v2/alerts/broker%20errors%2Fweb-1/acknowledge?identifierType=alias", "GenieKey GENIEKEY1", "application/json",
			`{"source":"logstack","note":"acknowledged in logstack"}`},
		{"POST", "/v2/alerts/broker%20errors%2Fweb-1/close?identifierType=alias", "GenieKey GENIEKEY1", "application/json",
			`{"source":"logstack","note":"resolved in logstack"}`},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d requests", len(got))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestRegionsAndValidation(t *testing.T) {
	f := func(cfg Config, base string, ok bool) {
		t.Helper()
		n, err := New(cfg, nil)
		if (err == nil) != ok || (ok && n.base != base) {
			t.Errorf("%+v: err %v", cfg, err)
		}
	}
	f(Config{APIKey: "k"}, USBaseURL, true)
	f(Config{APIKey: "k", Region: "eu"}, EUBaseURL, true)
	f(Config{APIKey: "k", Region: "mars"}, "", false)
	f(Config{Region: "eu"}, "", false)
	f(Config{APIKey: "k", Priority: "P9"}, "", false)
	f(Config{APIKey: "k", Priority: "P4"}, USBaseURL, true)
}

func TestClassification(t *testing.T) {
	f := func(status int, permanent bool) {
		t.Helper()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			io.WriteString(w, `{"message":"Key format is not valid!","took":0.0,"requestId":"x"}`)
		}))
		defer srv.Close()
		n, _ := New(Config{APIKey: "k", URL: srv.URL}, nil)
		if err := n.Notify(context.Background(), notifytest.Sample()); err == nil || notify.IsPermanent(err) != permanent {
			t.Errorf("status %d: %v", status, err)
		}
	}
	f(http.StatusUnprocessableEntity, true)
	f(http.StatusUnauthorized, true)
	f(http.StatusTooManyRequests, false)
	f(http.StatusServiceUnavailable, false)
}

func TestNoSecretLeak(t *testing.T) {
	notifytest.AssertNoSecretLeak(t, func(t *testing.T, base string) notify.Notifier {
		n, err := New(Config{APIKey: "OPSGENIEKEY99", URL: base}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}, "OPSGENIEKEY99")
}
