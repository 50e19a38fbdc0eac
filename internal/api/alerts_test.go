package api

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/notify"
)

func alertIDs(l AlertList) []string {
	var ids []string
	for _, a := range l.Alerts {
		ids = append(ids, a.ID)
	}
	return ids
}

func TestAlertsList(t *testing.T) {
	srv, _ := alertsServer(t)
	var all AlertList
	if code := call(t, "GET", srv.URL+"/api/v1/alerts", "", &all); code != 200 {
		t.Fatalf("list: %d", code)
	}
	if want := []string{"errors/web-1", "latency", "paths//var/log", "errors/web-2"}; !slices.Equal(alertIDs(all), want) {
		t.Fatalf("ids %q, want %q (firing by ID, then resolved)", alertIDs(all), want)
	}
	web1 := all.Alerts[0]
	if web1.State != notify.StateFiring || web1.Policy != "pager" || web1.Severity != "error" || web1.Matches != 7 ||
		!web1.StartedAt.Equal(at(0)) || !web1.LastSeen.Equal(at(5)) || web1.Key != (alert.Key{Rule: "errors", QueryKey: "web-1"}) {
		t.Errorf("errors/web-1 = %+v", web1)
	}
	if !slices.Equal(web1.SilencedBy, []string{"deploy"}) || len(all.Alerts[1].SilencedBy) != 0 {
		t.Errorf("silenced_by %q and %q, want [deploy] and none (the latency silence expired)", web1.SilencedBy, all.Alerts[1].SilencedBy)
	}
	if len(web1.Log) != 1 || web1.Log[0].Notifier != "chat" || web1.Log[0].Outcome != alert.OutcomeDelivered {
		t.Errorf("log %+v, want chat delivered", web1.Log)
	}
	if web2 := all.Alerts[3]; web2.State != notify.StateResolved || !web2.ResolvedAt.Equal(at(5)) {
		t.Errorf("errors/web-2 = %+v, want resolved at %s", web2, at(5))
	}

	f := func(query url.Values, want ...string) {
		t.Helper()
		var l AlertList
		if code := call(t, "GET", srv.URL+"/api/v1/alerts?"+query.Encode(), "", &l); code != 200 || !slices.Equal(alertIDs(l), want) {
			t.Errorf("?%s: %d %q, want %q", query.Encode(), code, alertIDs(l), want)
		}
	}
	f(url.Values{"state": {"resolved"}}, "errors/web-2")
	f(url.Values{"state": {"firing,resolved"}, "rule": {"errors"}}, "errors/web-1", "errors/web-2")
	f(url.Values{"rule": {"latency"}}, "latency")
	f(url.Values{"state": {"acknowledged"}})
	f(url.Values{"state": {""}, "rule": {"latency"}}, "latency")

	var body map[string]any
	if code := call(t, "GET", srv.URL+"/api/v1/alerts?state=burning", "", &body); code != 400 || body["param"] != "state" {
		t.Errorf("bad state: %d %v, want 400 on state", code, body)
	}
}

func TestAlertGetBySlashedID(t *testing.T) {
	srv, _ := alertsServer(t)
	f := func(path, wantID string) {
		t.Helper()
		var a AlertJSON
		if code := call(t, "GET", srv.URL+"/api/v1/alerts/"+path, "", &a); code != 200 || a.ID != wantID {
			t.Errorf("GET %s: %d %q, want %q", path, code, a.ID, wantID)
		}
	}
	f("latency", "latency")
	f(url.PathEscape("errors/web-1"), "errors/web-1")
	f("errors/web-1", "errors/web-1") // unescaped works as long as the path is clean
	f(url.PathEscape("paths//var/log"), "paths//var/log")

	var body map[string]any
	if code := call(t, "GET", srv.URL+"/api/v1/alerts/errors%2Fweb-9", "", &body); code != 404 || !strings.Contains(body["error"].(string), "errors/web-9") {
		t.Errorf("unknown alert: %d %v, want 404 naming it", code, body)
	}
	if code := call(t, "GET", srv.URL+"/api/v1/alerts/", "", &body); code != 400 || body["param"] != "id" {
		t.Errorf("empty id: %d %v, want 400 on id", code, body)
	}
}

func TestAlertAckAppliedByEngine(t *testing.T) {
	srv, st := alertsServer(t)
	var ack alert.Ack
	code := call(t, "POST", srv.URL+"/api/v1/alerts/"+url.PathEscape("errors/web-1")+"/ack", `{"by":"carol","comment":"on it"}`, &ack)
	want := alert.Ack{Key: alert.Key{Rule: "errors", QueryKey: "web-1"}, By: "carol", At: at(10), Comment: "on it"}
	if code != http.StatusAccepted || ack.Key != want.Key || ack.By != want.By || !ack.At.Equal(want.At) || ack.Comment != want.Comment {
		t.Fatalf("ack: %d %+v, want 202 %+v", code, ack, want)
	}

	// The alerter's next tick: the stored ack stops escalation to email,
	// which was due at 15 minutes.
	stored, err := st.Alerts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	acks, err := st.Acks(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	prev := alert.Snapshot{Alerts: map[string]alert.Alert{}}
	for k, sa := range stored {
		prev.Alerts[k] = sa.Alert
	}
	next, out := testEngine(t).Step(at(20), prev, alert.Input{Firing: fixtureFiring, Acks: acks})
	if a := next.Alerts["errors/web-1"]; a.State != notify.StateAcknowledged || a.AckedBy != "carol" || !a.AckedAt.Equal(at(10)) {
		t.Fatalf("after the tick: %+v, want acknowledged by carol", a)
	}
	for _, o := range out {
		if o.Notification.AlertKey == "errors/web-1" {
			t.Errorf("acknowledged alert still escalates: %+v", o)
		}
	}
	if len(out) == 0 {
		t.Error("no escalation for the unacknowledged alerts either: the engine setup is wrong")
	}
}

func TestAlertAckNotBeforeEpisode(t *testing.T) {
	st := kvStore(t)
	seedAlerts(t, st)
	// This server's clock is a minute behind the alerter's.
	srv := serveAlerts(t, st, func(a *Alerts) { a.now = func() time.Time { return at(-1) } })
	var ack alert.Ack
	if code := call(t, "POST", srv.URL+"/api/v1/alerts/latency/ack", `{"by":"carol"}`, &ack); code != 202 || !ack.At.Equal(at(0)) {
		t.Fatalf("ack: %d at %s, want 202 at the episode's start %s", code, ack.At, at(0))
	}
}

func TestAlertAckErrors(t *testing.T) {
	srv, st := alertsServer(t)
	f := func(path, body string, wantCode int, wantInError string) {
		t.Helper()
		var out map[string]any
		code := call(t, "POST", srv.URL+"/api/v1/alerts/"+path, body, &out)
		if msg, _ := out["error"].(string); code != wantCode || !strings.Contains(msg, wantInError) {
			t.Errorf("POST %s %s: %d %v, want %d mentioning %q", path, body, code, out, wantCode, wantInError)
		}
	}
	f("errors%2Fweb-9/ack", `{"by":"x"}`, 404, "errors/web-9")
	f("errors%2Fweb-2/ack", `{"by":"x"}`, 409, "resolved")
	f("errors%2Fweb-1/ack", `{}`, 400, "by")
	f("errors%2Fweb-1/ack", `{"by":"  "}`, 400, "by")
	f("errors%2Fweb-1/ack", `{"by":"x","extra":1}`, 400, `unknown field "extra"`)
	f("errors%2Fweb-1/ack", `{"by":"x"} {}`, 400, "trailing")
	f("errors%2Fweb-1/ack", ``, 400, "empty")
	f("errors%2Fweb-1", `{"by":"x"}`, 404, "/ack")
	f("errors%2Fweb-1%2Fack", `{"by":"x"}`, 404, "/ack") // an ID ending in /ack is not an ack
	f("ack", `{"by":"x"}`, 404, "/ack")

	acks, err := st.Acks(t.Context())
	if err != nil || len(acks) != 0 {
		t.Fatalf("refused acks were stored: %+v %v", acks, err)
	}
	// Unescaped IDs work too; a second ack of an acknowledged alert is a
	// conflict naming who took it.
	if code := call(t, "POST", srv.URL+"/api/v1/alerts/errors/web-1/ack", `{"by":"dan"}`, nil); code != 202 {
		t.Fatalf("unescaped ack: %d", code)
	}
	stored, _ := st.Alerts(t.Context())
	sa := stored["errors/web-1"]
	sa.Alert.State, sa.Alert.AckedBy, sa.Alert.AckedAt = notify.StateAcknowledged, "dan", at(10)
	if _, err := st.PutAlert(t.Context(), sa.Alert, sa.Revision); err != nil {
		t.Fatal(err)
	}
	f("errors%2Fweb-1/ack", `{"by":"x"}`, 409, "already acknowledged by dan")
}

func TestAlertsAuth(t *testing.T) {
	srv, _ := alertsServer(t)
	for _, r := range []struct{ method, path string }{
		{"GET", "/api/v1/alerts"}, {"GET", "/api/v1/alerts/latency"}, {"POST", "/api/v1/alerts/latency/ack"},
		{"GET", "/api/v1/silences"}, {"POST", "/api/v1/silences"}, {"DELETE", "/api/v1/silences/deploy"},
	} {
		req, _ := http.NewRequest(r.method, srv.URL+r.path, strings.NewReader(`{"by":"x"}`))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s %s without a key: %d, want 401", r.method, r.path, resp.StatusCode)
		}
	}
}

func TestAlertsStoreTimeout(t *testing.T) {
	srv := serveAlerts(t, blockedState{}, func(a *Alerts) { a.timeout = time.Millisecond })
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/alerts", nil)
	req.Header.Set("Authorization", "ApiKey k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("store timeout: %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
