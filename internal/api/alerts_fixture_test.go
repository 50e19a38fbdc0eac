package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/auth"
)

// at is the fixture's clock: alerts start at at(0), the API answers at at(10).
func at(minutes int) time.Time {
	return time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC).Add(time.Duration(minutes) * time.Minute)
}

// kvStore opens an alert.KVStore on an in-process nats-server with
// JetStream, stopped by t.Cleanup.
func kvStore(t *testing.T) *alert.KVStore {
	t.Helper()
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: t.TempDir(), NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	st, err := alert.OpenKVStore(t.Context(), js, "")
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// testEngine escalates to chat at once and to email after 15 minutes.
func testEngine(t *testing.T) *alert.Engine {
	t.Helper()
	eng, err := alert.NewEngine(alert.Config{DefaultPolicy: "pager", Policies: []alert.Policy{{Name: "pager", Levels: []alert.Level{
		{Notifiers: []string{"chat"}}, {Delay: 15 * time.Minute, Notifiers: []string{"email"}},
	}}}})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// fixtureFiring are the keys still firing at at(5).
var fixtureFiring = []alert.Match{
	{Key: alert.Key{Rule: "errors", QueryKey: "web-1"}, Severity: "error", Subject: "errors on web-1", Matches: 7, Labels: map[string]string{"team": "web"}},
	{Key: alert.Key{Rule: "latency"}, Subject: "slow", Matches: 1},
	{Key: alert.Key{Rule: "paths", QueryKey: "/var/log"}, Matches: 2},
}

// seedAlerts runs the engine as the alerter would: every fixture key plus
// errors/web-2 fire at at(0) (chat delivered), errors/web-2 resolves at
// at(5); the alerts and two silences ("deploy", active on errors/web-1,
// and "old", expired) are stored in st.
func seedAlerts(t *testing.T, st *alert.KVStore) {
	t.Helper()
	eng := testEngine(t)
	first := append([]alert.Match{{Key: alert.Key{Rule: "errors", QueryKey: "web-2"}, Matches: 1}}, fixtureFiring...)
	snap := alert.Snapshot{}
	for _, step := range []struct {
		now    time.Time
		firing []alert.Match
	}{{at(0), first}, {at(5), fixtureFiring}} {
		var out []alert.Outgoing
		snap, out = eng.Step(step.now, snap, alert.Input{Firing: step.firing})
		for _, o := range out {
			alert.Record(snap, o, nil, step.now)
		}
	}
	for _, a := range snap.Alerts {
		if _, err := st.PutAlert(t.Context(), a, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []alert.Silence{
		{ID: "deploy", Matchers: []alert.Matcher{{Name: "rule", Value: "errors"}, {Name: "team", Value: "web"}},
			StartsAt: at(0), ExpiresAt: at(60), Reason: "deploy", Author: "ann"},
		{ID: "old", Matchers: []alert.Matcher{{Name: "rule", Value: "latency"}},
			StartsAt: at(-60), ExpiresAt: at(-30), Reason: "maintenance", Author: "bob"},
	} {
		if err := st.PutSilence(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
}

// alertsServer serves the alerts API over a seeded store at at(10), with
// API key "k".
func alertsServer(t *testing.T) (*httptest.Server, *alert.KVStore) {
	t.Helper()
	st := kvStore(t)
	seedAlerts(t, st)
	return serveAlerts(t, st), st
}

// serveAlerts serves the alerts API over state at at(10), after the
// optional changes opts make to it.
func serveAlerts(t *testing.T, state AlertState, opts ...func(*Alerts)) *httptest.Server {
	t.Helper()
	a := NewAlerts(state, slog.New(slog.DiscardHandler))
	a.now = func() time.Time { return at(10) }
	for _, o := range opts {
		o(a)
	}
	mux := http.NewServeMux()
	a.Register(mux, auth.New([]string{"k"}).Middleware)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// blockedState is an AlertState whose store never answers.
type blockedState struct{ AlertState }

func (blockedState) Alerts(ctx context.Context) (map[string]alert.StoredAlert, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}
