package api

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/notify"
)

// stateRank orders a listing: what needs attention first.
var stateRank = map[notify.State]int{notify.StateFiring: 0, notify.StateAcknowledged: 1, notify.StateResolved: 2}

// alertFilter selects the alerts of a listing.
type alertFilter struct {
	states map[notify.State]bool // empty: all
	rule   string                // "": all
}

func (f alertFilter) keep(a *alert.Alert) bool {
	return (len(f.states) == 0 || f.states[a.State]) && (f.rule == "" || a.Key.Rule == f.rule)
}

// alertFilterParams reads state (one or a comma-separated list; empty
// means all) and rule.
func alertFilterParams(r *http.Request) (alertFilter, error) {
	v := r.URL.Query()
	f := alertFilter{rule: v.Get("rule"), states: map[notify.State]bool{}}
	for _, list := range v["state"] {
		for s := range strings.SplitSeq(list, ",") {
			st := notify.State(strings.TrimSpace(s))
			if st == "" {
				continue
			}
			if _, ok := stateRank[st]; !ok {
				return f, &requestError{Param: "state", Err: fmt.Errorf("want firing, acknowledged or resolved, got %q", s)}
			}
			f.states[st] = true
		}
	}
	return f, nil
}

func (a *Alerts) list(w http.ResponseWriter, r *http.Request) {
	f, err := alertFilterParams(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ctx, cancel := a.storeCtx(r)
	defer cancel()
	alerts, silences, err := a.load(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	now := a.now()
	out := AlertList{Alerts: []AlertJSON{}}
	for _, sa := range alerts {
		if f.keep(&sa.Alert) {
			out.Alerts = append(out.Alerts, alertJSON(&sa.Alert, silences, now))
		}
	}
	slices.SortFunc(out.Alerts, compareAlerts)
	writeJSON(w, http.StatusOK, out)
}

// compareAlerts orders by state rank, then newest episode, then ID.
func compareAlerts(x, y AlertJSON) int {
	if c := cmp.Compare(stateRank[x.State], stateRank[y.State]); c != 0 {
		return c
	}
	if c := y.StartedAt.Compare(x.StartedAt); c != 0 {
		return c
	}
	return strings.Compare(x.ID, y.ID)
}

func (a *Alerts) get(w http.ResponseWriter, r *http.Request) {
	id, err := alertID(r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ctx, cancel := a.storeCtx(r)
	defer cancel()
	alerts, silences, err := a.load(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	sa, ok := alerts[id]
	if !ok {
		a.fail(w, r, notFound("alert %q not found", id))
		return
	}
	writeJSON(w, http.StatusOK, alertJSON(&sa.Alert, silences, a.now()))
}

// alertID checks the {id} path value.
func alertID(id string) (string, error) {
	if id == "" {
		return "", &requestError{Param: "id", Err: errors.New("empty alert ID (want rule or rule/value)")}
	}
	return id, nil
}

// load reads the alerts and the silences.
func (a *Alerts) load(ctx context.Context) (map[string]alert.StoredAlert, []alert.Silence, error) {
	alerts, err := a.st.Alerts(ctx)
	if err != nil {
		return nil, nil, err
	}
	silences, err := a.st.Silences(ctx)
	return alerts, silences, err
}

// alertJSON converts a stored alert, naming the silences active at now
// that match it.
func alertJSON(al *alert.Alert, silences []alert.Silence, now time.Time) AlertJSON {
	out := AlertJSON{
		ID: al.Key.String(), Key: al.Key, State: al.State, Policy: al.Policy,
		Severity: al.Severity, Subject: al.Subject, Text: al.Text, Labels: al.Labels,
		StartedAt: al.StartedAt, LastSeen: al.LastSeen, Matches: al.Matches,
		AckedBy: al.AckedBy, AckedAt: al.AckedAt, ResolvedAt: al.ResolvedAt,
		Silenced: al.Silenced, SilencedBy: []string{}, Log: al.Log,
	}
	if out.Log == nil {
		out.Log = []alert.LogEntry{}
	}
	for _, s := range silences {
		if s.Active(now) && s.Matches(al) {
			out.SilencedBy = append(out.SilencedBy, s.ID)
		}
	}
	slices.Sort(out.SilencedBy)
	return out
}
