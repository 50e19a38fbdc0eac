package alert

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/notify"
)

var t0 = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// pager is the policy of the issue: chat at once, email after 15m, SMS
// after 45m while firing.
var pager = Policy{Name: "pager", Levels: []Level{
	{Delay: 0, Notifiers: []string{"chat"}},
	{Delay: 15 * time.Minute, Notifiers: []string{"email"}},
	{Delay: 45 * time.Minute, Notifiers: []string{"sms"}},
}}

func newEngine(t *testing.T, p ...Policy) *Engine {
	t.Helper()
	if len(p) == 0 {
		p = []Policy{pager}
	}
	e, err := NewEngine(Config{Policies: p, DefaultPolicy: p[0].Name})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// event is one scripted change at a minute of the simulation.
type event struct {
	min     int
	firing  bool // the key fires from this minute on (false: stops)
	ack     bool
	silence *Silence
}

// simulate steps once a minute for minutes and delivers everything,
// returning "minute:notifier:state:level" lines.
func simulate(t *testing.T, e *Engine, minutes int, events []event, fail func(Outgoing) error) ([]string, Snapshot) {
	t.Helper()
	key := Key{Rule: "errors", QueryKey: "web-1"}
	var snap Snapshot
	var in Input
	var sent []string
	firing := false
	for m := 0; m <= minutes; m++ {
		now := t0.Add(time.Duration(m) * time.Minute)
		for _, ev := range events {
			if ev.min != m {
				continue
			}
			switch {
			case ev.ack:
				in.Acks = append(in.Acks, Ack{Key: key, By: "alice", At: now})
			case ev.silence != nil:
				in.Silences = append(in.Silences, *ev.silence)
			default:
				firing = ev.firing
			}
		}
		in.Firing = nil
		if firing {
			in.Firing = []Match{{Key: key, Subject: "errors on web-1", Matches: 10 + m}}
		}
		var out []Outgoing
		snap, out = e.Step(now, snap, in)
		for _, o := range out {
			var err error
			if fail != nil {
				err = fail(o)
			}
			if err == nil {
				sent = append(sent, fmt.Sprintf("%d:%s:%s:%d", m, o.Notifier, o.Notification.State, o.Notification.Level))
			}
			if !Record(snap, o, err, now) {
				t.Fatalf("minute %d: Record lost %+v", m, o)
			}
		}
	}
	return sent, snap
}

func TestEscalationTiming(t *testing.T) {
	tests := []struct {
		name    string
		minutes int
		events  []event
		want    []string
	}{
		{"chat at once", 14, []event{{min: 0, firing: true}}, []string{"0:chat:firing:0"}},
		{"email after 15m", 44, []event{{min: 0, firing: true}},
			[]string{"0:chat:firing:0", "15:email:firing:1"}},
		{"sms after 45m", 120, []event{{min: 0, firing: true}},
			[]string{"0:chat:firing:0", "15:email:firing:1", "45:sms:firing:2"}},
		{"delays count from the episode start", 60, []event{{min: 10, firing: true}},
			[]string{"10:chat:firing:0", "25:email:firing:1", "55:sms:firing:2"}},
		{"resolved before email", 60, []event{{min: 0, firing: true}, {min: 5, firing: false}},
			[]string{"0:chat:firing:0", "5:chat:resolved:0"}},
		{"ack stops later levels", 120, []event{{min: 0, firing: true}, {min: 20, ack: true}},
			[]string{"0:chat:firing:0", "15:email:firing:1"}},
		{"ack then resolve notifies everyone notified once", 120,
			[]event{{min: 0, firing: true}, {min: 20, ack: true}, {min: 30, firing: false}},
			[]string{"0:chat:firing:0", "15:email:firing:1", "30:chat:resolved:1", "30:email:resolved:1"}},
		{"resolve after sms notifies all three once", 120,
			[]event{{min: 0, firing: true}, {min: 50, firing: false}},
			[]string{"0:chat:firing:0", "15:email:firing:1", "45:sms:firing:2",
				"50:chat:resolved:2", "50:email:resolved:2", "50:sms:resolved:2"}},
		{"refire after resolve is a new episode", 20,
			[]event{{min: 0, firing: true}, {min: 5, firing: false}, {min: 7, firing: true}},
			[]string{"0:chat:firing:0", "5:chat:resolved:0", "7:chat:firing:0"}},
		{"ack of an earlier episode does not apply", 30,
			[]event{{min: 0, firing: true}, {min: 2, ack: true}, {min: 5, firing: false}, {min: 7, firing: true}},
			[]string{"0:chat:firing:0", "5:chat:resolved:0", "7:chat:firing:0", "22:email:firing:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := simulate(t, newEngine(t), tt.minutes, tt.events, nil)
			if !slices.Equal(got, tt.want) {
				t.Errorf("sent\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRepeat(t *testing.T) {
	p := Policy{Name: "rep", Levels: []Level{{Notifiers: []string{"chat"}, Repeat: 10 * time.Minute}}}
	got, _ := simulate(t, newEngine(t, p), 35, []event{{min: 0, firing: true}, {min: 25, ack: true}}, nil)
	want := []string{"0:chat:firing:0", "10:chat:firing:0", "20:chat:firing:0"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestSilences(t *testing.T) {
	until := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	byRule := &Silence{ID: "s1", Matchers: []Matcher{{Name: "rule", Value: "errors"}},
		StartsAt: t0, ExpiresAt: until(20), Reason: "deploy", Author: "bob"}
	byQK := &Silence{ID: "s2", Matchers: []Matcher{{Name: "rule", Value: "errors"}, {Name: "query_key", Value: "web-1"}},
		StartsAt: t0, ExpiresAt: until(60), Reason: "host rebuilt", Author: "bob"}
	other := &Silence{ID: "s3", Matchers: []Matcher{{Name: "query_key", Value: "web-2"}},
		StartsAt: t0, ExpiresAt: until(60)}
	empty := &Silence{ID: "s4", StartsAt: t0, ExpiresAt: until(60)}
	tests := []struct {
		name         string
		sil          *Silence
		want         []string
		wantSilenced int
	}{
		{"expiry sends what is still due", byRule,
			[]string{"20:chat:firing:0", "20:email:firing:1", "45:sms:firing:2"}, 2},
		{"query_key matcher silences all", byQK, nil, 3},
		{"other query_key does not match", other,
			[]string{"0:chat:firing:0", "15:email:firing:1", "45:sms:firing:2"}, 0},
		{"no matchers matches nothing", empty,
			[]string{"0:chat:firing:0", "15:email:firing:1", "45:sms:firing:2"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, snap := simulate(t, newEngine(t), 50, []event{{min: 0, silence: tt.sil}, {min: 0, firing: true}}, nil)
			if !slices.Equal(got, tt.want) {
				t.Errorf("sent\n got %q\nwant %q", got, tt.want)
			}
			a := snap.Alerts["errors/web-1"]
			if a.State != notify.StateFiring || a.Silenced != tt.wantSilenced {
				t.Errorf("alert state %s silenced %d, want firing and %d", a.State, a.Silenced, tt.wantSilenced)
			}
		})
	}
}

func TestFailedIsRetriedRefusedIsNot(t *testing.T) {
	calls := map[string]int{}
	fail := func(o Outgoing) error {
		calls[o.Notifier]++
		switch {
		case o.Notifier == "chat" && calls["chat"] <= 2:
			return errors.New("timeout")
		case o.Notifier == "email":
			return notify.Permanentf("bad address")
		}
		return nil
	}
	got, snap := simulate(t, newEngine(t), 30, []event{{min: 0, firing: true}}, fail)
	if want := []string{"2:chat:firing:0"}; !slices.Equal(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
	if calls["chat"] != 3 || calls["email"] != 1 {
		t.Errorf("calls %v", calls)
	}
	var outcomes []string
	for _, l := range snap.Alerts["errors/web-1"].Log {
		outcomes = append(outcomes, l.Notifier+":"+string(l.Outcome))
	}
	if want := "chat:failed chat:failed chat:delivered email:refused"; strings.Join(outcomes, " ") != want {
		t.Errorf("log %q want %q", outcomes, want)
	}
}

func TestStepDoesNotMutateInput(t *testing.T) {
	e := newEngine(t)
	in := Input{Firing: []Match{{Key: Key{Rule: "r"}, Labels: map[string]string{"a": "b"}}}}
	s1, out := e.Step(t0, Snapshot{}, in)
	Record(s1, out[0], nil, t0)
	before := len(s1.Alerts["r"].Log)
	s2, _ := e.Step(t0.Add(time.Minute), s1, Input{})
	Record(s2, Outgoing{Notifier: "x", Notification: notify.Notification{AlertKey: "r", DedupKey: s2.Alerts["r"].DedupKey()}}, nil, t0)
	if len(s1.Alerts["r"].Log) != before || s1.Alerts["r"].State != notify.StateFiring {
		t.Errorf("previous snapshot changed: %+v", s1.Alerts["r"])
	}
}

func TestNewEngineValidates(t *testing.T) {
	bad := []Config{
		{Policies: []Policy{{Name: "p"}}},
		{Policies: []Policy{{Name: "p", Levels: []Level{{Delay: time.Minute}}}}},
		{Policies: []Policy{{Name: "p", Levels: []Level{{Delay: time.Hour, Notifiers: []string{"a"}}, {Delay: time.Minute, Notifiers: []string{"b"}}}}}},
		{Policies: []Policy{pager, pager}},
		{Policies: []Policy{pager}, DefaultPolicy: "missing"},
	}
	for i, c := range bad {
		if _, err := NewEngine(c); err == nil {
			t.Errorf("config %d accepted", i)
		}
	}
}

// TestSilenceByQueryKeyAmongAlerts keeps two alerts of one rule apart: the
// silence for web-2 mutes only web-2, and both stay listed as firing.
func TestSilenceByQueryKeyAmongAlerts(t *testing.T) {
	e := newEngine(t)
	in := Input{
		Firing: []Match{{Key: Key{Rule: "errors", QueryKey: "web-1"}}, {Key: Key{Rule: "errors", QueryKey: "web-2"}}},
		Silences: []Silence{{ID: "s", Matchers: []Matcher{{Name: "query_key", Value: "web-2"}},
			StartsAt: t0, ExpiresAt: t0.Add(time.Hour)}},
	}
	snap, out := e.Step(t0, Snapshot{}, in)
	if len(out) != 1 || out[0].Notification.AlertKey != "errors/web-1" || out[0].Notifier != "chat" {
		t.Fatalf("out %+v", out)
	}
	if a, b := snap.Alerts["errors/web-1"], snap.Alerts["errors/web-2"]; a.State != notify.StateFiring ||
		b.State != notify.StateFiring || a.Silenced != 0 || b.Silenced != 1 {
		t.Fatalf("alerts %+v %+v", a, b)
	}
	// A second step does not count the same silenced notification again.
	snap, _ = e.Step(t0.Add(time.Minute), snap, in)
	if n := snap.Alerts["errors/web-2"].Silenced; n != 1 {
		t.Fatalf("silenced %d after a second step", n)
	}
}

// TestRecordIgnoresAnotherEpisode drops an outcome whose alert has since
// resolved and fired again: it belongs to the old episode's log.
func TestRecordIgnoresAnotherEpisode(t *testing.T) {
	e := newEngine(t)
	fire := Input{Firing: []Match{{Key: Key{Rule: "r"}}}}
	s1, out := e.Step(t0, Snapshot{}, fire)
	s2, _ := e.Step(t0.Add(time.Minute), s1, Input{})
	s3, _ := e.Step(t0.Add(2*time.Minute), s2, fire)
	if Record(s3, out[0], nil, t0) || len(s3.Alerts["r"].Log) != 0 {
		t.Fatalf("old episode's outcome recorded in the new one: %+v", s3.Alerts["r"])
	}
}

// TestResolveNotifiersGetTheResolvedNotice fires an alarm whose ok_actions
// name email, which no level of the episode reached: the resolved notice
// goes to chat (notified) and email (named), once each, and to nobody else.
func TestResolveNotifiersGetTheResolvedNotice(t *testing.T) {
	e := newEngine(t)
	key := Key{Rule: "alarm"}
	fire := Input{Firing: []Match{{Key: key, ResolveNotifiers: []string{"email", "chat"}}}}
	snap, out := e.Step(t0, Snapshot{}, fire)
	for _, o := range out {
		Record(snap, o, nil, t0)
	}
	if got := snap.Alerts["alarm"].ResolveNotifiers; !slices.Equal(got, []string{"email", "chat"}) {
		t.Fatalf("alert ResolveNotifiers %q", got)
	}
	var got []string
	for m := 1; m <= 2; m++ {
		now := t0.Add(time.Duration(m) * time.Minute)
		snap, out = e.Step(now, snap, Input{})
		for _, o := range out {
			got = append(got, fmt.Sprintf("%d:%s:%s", m, o.Notifier, o.Notification.State))
			Record(snap, o, nil, now)
		}
	}
	if want := []string{"1:chat:resolved", "1:email:resolved"}; !slices.Equal(got, want) {
		t.Errorf("sent %q want %q", got, want)
	}
}
