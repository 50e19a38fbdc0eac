package teams

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
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	n, err := New(Config{URL: srv.URL + "/workflows/abc/triggers/manual/paths/invoke?sig=SIG"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), notifytest.Sample()); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.URL.Path != "/workflows/abc/triggers/manual/paths/invoke" ||
		got.URL.Query().Get("sig") != "SIG" || got.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("request %s %s", got.Method, got.URL)
	}
	want := `{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,` +
		`"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",` +
		`"body":[{"type":"TextBlock","text":"[FIRING] broker errors on web-1","wrap":true,"weight":"Bolder","size":"Medium","color":"Attention"},` +
		`{"type":"TextBlock","text":"42 errors in 5m","wrap":true},` +
		`{"type":"FactSet","facts":[{"title":"Rule","value":"broker-errors"},{"title":"State","value":"firing"},` +
		`{"title":"Severity","value":"critical"},{"title":"Matches","value":"42"},{"title":"host","value":"web-1"}]}],` +
		`"msteams":{"width":"Full"}}}]}`
	if string(body) != want {
		t.Errorf("body\n got %s\nwant %s", body, want)
	}
}

func TestLegacyConnectorFailureIn200(t *testing.T) {
	f := func(body string, wantErr, permanent bool) {
		t.Helper()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) }))
		defer srv.Close()
		n, _ := New(Config{URL: srv.URL + "/webhookb2/x"}, nil)
		err := n.Notify(context.Background(), notifytest.Sample())
		if (err != nil) != wantErr || (err != nil && notify.IsPermanent(err) != permanent) {
			t.Errorf("body %q: err %v", body, err)
		}
	}
	f("1", false, false)
	f("", false, false)
	f("Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429", true, false)
	f("Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413", true, true)
}

func TestClassification(t *testing.T) {
	f := func(status int, permanent bool) {
		t.Helper()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(status) }))
		defer srv.Close()
		n, _ := New(Config{URL: srv.URL + "/x"}, nil)
		if err := n.Notify(context.Background(), notifytest.Sample()); err == nil || notify.IsPermanent(err) != permanent {
			t.Errorf("status %d: %v", status, err)
		}
	}
	f(http.StatusBadRequest, true)
	f(http.StatusUnauthorized, true)
	f(http.StatusTooManyRequests, false)
	f(http.StatusBadGateway, false)
}

func TestNoSecretLeak(t *testing.T) {
	notifytest.AssertNoSecretLeak(t, func(t *testing.T, base string) notify.Notifier {
		n, err := New(Config{URL: base + "/workflows/WFID/invoke?sig=TEAMSSIG"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}, "TEAMSSIG", "WFID")
}
