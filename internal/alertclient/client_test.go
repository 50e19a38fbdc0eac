package alertclient

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/notify"
)

// memState is an in-memory api.AlertState; the API's tests run it against
// the real KV store, these test what the client sends and decodes.
type memState struct {
	mu       sync.Mutex
	alerts   map[string]alert.StoredAlert
	acks     []alert.Ack
	silences []alert.Silence
}

func (m *memState) Alerts(context.Context) (map[string]alert.StoredAlert, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]alert.StoredAlert, len(m.alerts))
	for k, v := range m.alerts {
		out[k] = v
	}
	return out, nil
}

func (m *memState) PutAck(_ context.Context, a alert.Ack) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.acks = append(m.acks, a)
	return nil
}

func (m *memState) Silences(context.Context) ([]alert.Silence, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.silences), nil
}

func (m *memState) PutSilence(_ context.Context, s alert.Silence) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if i := slices.IndexFunc(m.silences, func(x alert.Silence) bool { return x.ID == s.ID }); i >= 0 {
		m.silences[i] = s
		return nil
	}
	m.silences = append(m.silences, s)
	return nil
}

// newServer serves the real alerts API with key "k" over two alerts:
// errors/a b/c (firing; its query_key has a space and a slash) and
// latency (resolved).
func newServer(t *testing.T) (*Client, *memState) {
	t.Helper()
	now := time.Now()
	st := &memState{alerts: map[string]alert.StoredAlert{}}
	for _, a := range []alert.Alert{
		{Key: alert.Key{Rule: "errors", QueryKey: "a b/c"}, State: notify.StateFiring, StartedAt: now},
		{Key: alert.Key{Rule: "latency"}, State: notify.StateResolved, StartedAt: now, ResolvedAt: now},
	} {
		st.alerts[a.Key.String()] = alert.StoredAlert{Alert: a, Revision: 1}
	}
	mux := http.NewServeMux()
	api.NewAlerts(st, slog.New(slog.DiscardHandler)).Register(mux, auth.New([]string{"k"}).Middleware)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return New(srv.URL+"/", "k"), st
}

func TestListAndGet(t *testing.T) {
	c, _ := newServer(t)
	l, err := c.List(t.Context(), ListOptions{})
	if err != nil || len(l.Alerts) != 2 || l.Alerts[0].ID != "errors/a b/c" {
		t.Fatalf("List = %+v, %v", l, err)
	}
	l, err = c.List(t.Context(), ListOptions{States: []string{"resolved", "acknowledged"}, Rule: "latency"})
	if err != nil || len(l.Alerts) != 1 || l.Alerts[0].ID != "latency" {
		t.Fatalf("List resolved latency = %+v, %v", l, err)
	}
	a, err := c.Get(t.Context(), "errors/a b/c")
	if err != nil || a.Key.QueryKey != "a b/c" {
		t.Fatalf("Get = %+v, %v", a, err)
	}
	if _, err := c.Get(t.Context(), "errors/a b"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `"errors/a b"`) {
		t.Fatalf("Get of a missing alert = %v, want ErrNotFound naming it", err)
	}
	if _, err := c.List(t.Context(), ListOptions{States: []string{"burning"}}); err == nil || !strings.Contains(err.Error(), "400") || !strings.Contains(err.Error(), "state") {
		t.Fatalf("List with a bad state = %v, want a 400 naming state", err)
	}
}

func TestAck(t *testing.T) {
	c, st := newServer(t)
	ack, err := c.Ack(t.Context(), "errors/a b/c", api.AckRequest{By: "bob", Comment: "mine"})
	if err != nil || ack.Key != (alert.Key{Rule: "errors", QueryKey: "a b/c"}) || ack.By != "bob" || ack.At.IsZero() {
		t.Fatalf("Ack = %+v, %v", ack, err)
	}
	if len(st.acks) != 1 || st.acks[0].Comment != "mine" {
		t.Fatalf("stored acks %+v", st.acks)
	}
	if _, err := c.Ack(t.Context(), "latency", api.AckRequest{By: "bob"}); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "resolved") {
		t.Fatalf("Ack of a resolved alert = %v, want ErrConflict", err)
	}
}

func TestSilences(t *testing.T) {
	c, _ := newServer(t)
	s, err := c.Silence(t.Context(), api.SilenceRequest{
		Matchers: []alert.Matcher{{Name: "rule", Value: "errors"}}, Duration: "1h", Reason: "r", Author: "a",
	})
	if err != nil || s.ID == "" || s.State != api.SilenceActive {
		t.Fatalf("Silence = %+v, %v", s, err)
	}
	if _, err := c.Silence(t.Context(), api.SilenceRequest{Duration: "1h", Reason: "r", Author: "a"}); err == nil || !strings.Contains(err.Error(), "matchers") {
		t.Fatalf("Silence without matchers = %v, want an error naming matchers", err)
	}
	if got, err := c.Unsilence(t.Context(), s.ID); err != nil || got.State != api.SilenceExpired {
		t.Fatalf("Unsilence = %+v, %v", got, err)
	}
	all, err := c.Silences(t.Context(), false)
	if err != nil || len(all.Silences) != 1 {
		t.Fatalf("Silences = %+v, %v", all, err)
	}
	active, err := c.Silences(t.Context(), true)
	if err != nil || len(active.Silences) != 0 {
		t.Fatalf("active Silences = %+v, %v", active, err)
	}
	if _, err := c.Unsilence(t.Context(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Unsilence of an unknown silence = %v, want ErrNotFound", err)
	}
}

func TestUnauthorized(t *testing.T) {
	c, _ := newServer(t)
	c.apiKey = "wrong"
	if _, err := c.List(t.Context(), ListOptions{}); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("List with a wrong key = %v, want 401", err)
	}
}
