package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/notify"
)

// alertStore opens an alert.KVStore on an in-process nats-server.
func alertStore(t *testing.T) *alert.KVStore {
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

// alertsFiring are the fixture's firing keys.
var alertsFiring = []alert.Match{
	{Key: alert.Key{Rule: "errors", QueryKey: "web-1"}, Severity: "error", Subject: "errors on\tweb-1", Matches: 3, Labels: map[string]string{"team": "web"}},
	{Key: alert.Key{Rule: "latency"}, Matches: 1},
}

// alertsEngine pages chat at once, email after 15 minutes.
func alertsEngine(t *testing.T) *alert.Engine {
	t.Helper()
	eng, err := alert.NewEngine(alert.Config{DefaultPolicy: "pager", Policies: []alert.Policy{{Name: "pager", Levels: []alert.Level{
		{Notifiers: []string{"chat"}}, {Delay: 15 * time.Minute, Notifiers: []string{"email"}},
	}}}})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// startAlertsAPI serves the alerts API (key in $LOGSTACK_API_KEY) over a
// store holding the firing fixture alerts and a resolved errors/web-2,
// started by the engine an hour ago.
func startAlertsAPI(t *testing.T) (string, *alert.KVStore) {
	t.Helper()
	st := alertStore(t)
	start := time.Now().Add(-time.Hour)
	snap, _ := alertsEngine(t).Step(start, alert.Snapshot{}, alert.Input{
		Firing: append([]alert.Match{{Key: alert.Key{Rule: "errors", QueryKey: "web-2"}}}, alertsFiring...)})
	snap, _ = alertsEngine(t).Step(start.Add(time.Minute), snap, alert.Input{Firing: alertsFiring})
	for _, a := range snap.Alerts {
		if _, err := st.PutAlert(t.Context(), a, 0); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	api.NewAlerts(st, slog.New(slog.DiscardHandler)).Register(mux, auth.New([]string{"cli-key"}).Middleware)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	t.Setenv("LOGSTACK_API_KEY", "cli-key")
	return srv.URL, st
}

func TestAlertsListCommand(t *testing.T) {
	server, _ := startAlertsAPI(t)
	code, out, errOut := runCmd("alerts", "ls", "--server", server)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "ID ") {
		t.Fatalf("alerts ls: %d %q %s", code, out, errOut)
	}
	if f := strings.Fields(lines[1]); f[0] != "errors/web-1" || f[1] != "firing" || f[2] != "error" || f[5] != "3" || !strings.HasSuffix(lines[1], "errors on web-1") {
		t.Errorf("first row %q", lines[1])
	}
	if f := strings.Fields(lines[3]); f[0] != "errors/web-2" || f[1] != "resolved" {
		t.Errorf("last row %q, want the resolved alert", lines[3])
	}
	if !strings.Contains(errOut, "3 alerts: 2 firing, 0 acknowledged, 1 resolved") {
		t.Errorf("summary %q", errOut)
	}

	code, out, errOut = runCmd("alerts", "ls", "--server", server, "--state", "firing", "--rule", "errors", "--json")
	var l api.AlertList
	if code != 0 || json.Unmarshal([]byte(out), &l) != nil || len(l.Alerts) != 1 || l.Alerts[0].ID != "errors/web-1" {
		t.Fatalf("alerts ls --json --state firing --rule errors: %d %q %s", code, out, errOut)
	}

	if code, _, errOut := runCmd("alerts", "ls", "--server", server, "--state", "burning"); code != 1 || !strings.Contains(errOut, "state") {
		t.Errorf("bad state: %d %s, want 1 naming state", code, errOut)
	}
	if code, _, errOut := runCmd("alerts", "ls", "--server", server, "--api-key", "wrong"); code != 1 || !strings.Contains(errOut, "401") {
		t.Errorf("wrong key: %d %s, want 1 with 401", code, errOut)
	}
	if code, _, _ := runCmd("alerts", "ls", "extra"); code != 2 {
		t.Errorf("ls with an argument: %d, want 2", code)
	}
	if code, _, errOut := runCmd("alerts"); code != 2 || !strings.Contains(errOut, "unsilence") {
		t.Errorf("alerts without subcommand: %d %s, want usage", code, errOut)
	}
}

func TestAlertsAckCommand(t *testing.T) {
	server, st := startAlertsAPI(t)
	t.Setenv("USER", "carol")
	code, out, errOut := runCmd("alerts", "ack", "errors/web-1", "--server", server, "--comment", "looking")
	if code != 0 || !strings.Contains(out, "errors/web-1 acknowledged by carol") {
		t.Fatalf("alerts ack: %d %q %s", code, out, errOut)
	}
	acks, err := st.Acks(t.Context())
	if err != nil || len(acks) != 1 || acks[0].By != "carol" || acks[0].Comment != "looking" {
		t.Fatalf("stored acks %+v, %v", acks, err)
	}
	// The alerter's next tick applies it.
	stored, err := st.Alerts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	prev := alert.Snapshot{Alerts: map[string]alert.Alert{}}
	for k, sa := range stored {
		prev.Alerts[k] = sa.Alert
	}
	next, _ := alertsEngine(t).Step(time.Now().Add(time.Minute), prev, alert.Input{Firing: alertsFiring, Acks: acks})
	if a := next.Alerts["errors/web-1"]; a.State != notify.StateAcknowledged || a.AckedBy != "carol" {
		t.Fatalf("after the tick: %+v", a)
	}

	f := func(wantCode int, wantInErr string, args ...string) {
		t.Helper()
		code, _, errOut := runCmd(append([]string{"alerts", "ack", "--server", server}, args...)...)
		if code != wantCode || !strings.Contains(errOut, wantInErr) {
			t.Errorf("alerts ack %q: %d %s, want %d mentioning %q", args, code, errOut, wantCode, wantInErr)
		}
	}
	f(1, "not found", "errors/web-9")
	f(1, "resolved", "errors/web-2")
	f(2, "want one alert ID")
	f(2, "want one alert ID", "latency", "errors/web-1")
	t.Setenv("USER", "")
	f(2, "--by is required", "latency")
}

func TestAlertsSilenceCommands(t *testing.T) {
	server, _ := startAlertsAPI(t)
	code, out, errOut := runCmd("alerts", "silence", "--server", server, "--rule", "errors", "--label", "team=web",
		"--for", "2h", "--reason", "deploy", "--author", "ann")
	id := strings.TrimSpace(out)
	if code != 0 || id == "" || !strings.Contains(errOut, "rule=errors,team=web") {
		t.Fatalf("alerts silence: %d %q %s", code, out, errOut)
	}
	var a api.AlertList
	_, out, _ = runCmd("alerts", "ls", "--server", server, "--json", "--rule", "errors", "--state", "firing")
	if json.Unmarshal([]byte(out), &a) != nil || len(a.Alerts) != 1 || len(a.Alerts[0].SilencedBy) != 1 || a.Alerts[0].SilencedBy[0] != id {
		t.Fatalf("errors/web-1 not silenced by %s: %s", id, out)
	}
	code, out, _ = runCmd("alerts", "silences", "--server", server)
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "active") || !strings.Contains(out, "ann") {
		t.Fatalf("alerts silences: %d %q", code, out)
	}

	code, out, errOut = runCmd("alerts", "unsilence", id, "--server", server)
	if code != 0 || !strings.Contains(out, "silence "+id+" expired") {
		t.Fatalf("alerts unsilence: %d %q %s", code, out, errOut)
	}
	var l api.SilenceList
	_, out, _ = runCmd("alerts", "silences", "--server", server, "--json")
	if json.Unmarshal([]byte(out), &l) != nil || len(l.Silences) != 1 || l.Silences[0].State != api.SilenceExpired {
		t.Fatalf("after unsilence: %s, want the silence kept, expired", out)
	}
	_, out, _ = runCmd("alerts", "silences", "--server", server, "--json", "--active")
	if json.Unmarshal([]byte(out), &l) != nil || len(l.Silences) != 0 {
		t.Fatalf("active after unsilence: %s", out)
	}
	if code, _, errOut := runCmd("alerts", "unsilence", "nope", "--server", server); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("unsilence unknown: %d %s", code, errOut)
	}

	f := func(wantInErr string, args ...string) {
		t.Helper()
		code, _, errOut := runCmd(append([]string{"alerts", "silence", "--server", server, "--author", "ann"}, args...)...)
		if code != 2 || !strings.Contains(errOut, wantInErr) {
			t.Errorf("alerts silence %q: %d %s, want 2 mentioning %q", args, code, errOut, wantInErr)
		}
	}
	f("--rule, --query-key or --label", "--for", "1h", "--reason", "r")
	f("one of --for", "--rule", "x", "--reason", "r")
	f("one of --for", "--rule", "x", "--for", "1h", "--until", "now+2h", "--reason", "r")
	f("--reason is required", "--rule", "x", "--for", "1h")
	f("--for", "--rule", "x", "--for", "soon", "--reason", "r")
	f("not in the future", "--rule", "x", "--until", "2020-01-01", "--reason", "r")
	f("NAME=VALUE", "--label", "team", "--for", "1h", "--reason", "r")
}
