package alerter

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/logstack/logstack/internal/notify"
	"github.com/logstack/logstack/internal/notify/notifytest"
)

// TestPingGetsURL: a heartbeat is one GET of the ping URL; a 4xx is
// permanent, a 5xx retryable.
func TestPingGetsURL(t *testing.T) {
	var hits atomic.Int32
	status := atomic.Int32{}
	status.Store(http.StatusOK)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/ping/uuid-123" {
			hits.Add(1)
		}
		w.WriteHeader(int(status.Load()))
	}))
	defer srv.Close()
	p, err := NewPing(srv.URL+"/ping/uuid-123", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Notify(t.Context(), notifytest.Sample()); err != nil || hits.Load() != 1 {
		t.Fatalf("ping: err %v, %d GETs", err, hits.Load())
	}
	status.Store(http.StatusNotFound)
	if err := p.Notify(t.Context(), notifytest.Sample()); !notify.IsPermanent(err) {
		t.Errorf("404: %v, want permanent", err)
	}
	status.Store(http.StatusBadGateway)
	if err := p.Notify(t.Context(), notifytest.Sample()); err == nil || notify.IsPermanent(err) {
		t.Errorf("502: %v, want retryable", err)
	}
	if _, err := NewPing("hc-ping.com/uuid", nil); err == nil {
		t.Error("a relative URL is accepted")
	}
}

// TestPingNoSecretLeak: the ping URL's token never appears in an error.
func TestPingNoSecretLeak(t *testing.T) {
	const token = "5f1c2a9e-token"
	notifytest.AssertNoSecretLeak(t, func(t *testing.T, base string) notify.Notifier {
		p, err := NewPing(base+"/"+token, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}, token)
}
