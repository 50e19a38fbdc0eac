package api

import (
	"net/http"
	"strings"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/notify"
)

// ackSuffix ends the ack URL. It is matched on the escaped path, so that
// an ID whose query_key ends in "/ack" (escaped "%2Fack") is never mistaken
// for an ack request.
const ackSuffix = "/ack"

// ack stores an acknowledgement of a firing alert. The active alerter
// applies it on its next tick (the ack's At is now, within the episode),
// which stops escalation; the answer is 202 because the alert is not
// acknowledged yet when it is sent.
func (a *Alerts) ack(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutSuffix(r.PathValue("id"), ackSuffix)
	if !ok || !strings.HasSuffix(r.URL.EscapedPath(), ackSuffix) {
		a.fail(w, r, notFound("POST %s: not found (alerts take POST only at /api/v1/alerts/{id}/ack)", r.URL.EscapedPath()))
		return
	}
	id, err := alertID(id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var req AckRequest
	if err := decodeBody(r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	if req.By = strings.TrimSpace(req.By); req.By == "" {
		a.fail(w, r, &requestError{Param: "by", Err: errRequired})
		return
	}
	ctx, cancel := a.storeCtx(r)
	defer cancel()
	alerts, err := a.st.Alerts(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	al, err := ackable(alerts, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// The engine ignores an ack older than the episode; this server's clock
	// may be behind the alerter's, and the ack is meant for the episode the
	// caller saw.
	ack := alert.Ack{Key: al.Key, By: req.By, At: a.now(), Comment: req.Comment}
	if ack.At.Before(al.StartedAt) {
		ack.At = al.StartedAt
	}
	if err := a.st.PutAck(ctx, ack); err != nil {
		a.fail(w, r, err)
		return
	}
	a.log.Info("alert acknowledged", "alert", id, "by", ack.By) // an operator action: an audit line, rare
	writeJSON(w, http.StatusAccepted, ack)
}

// ackable returns the alert id if it is firing: a resolved alert has
// nothing left to acknowledge and an acknowledged one keeps its first ack.
func ackable(alerts map[string]alert.StoredAlert, id string) (alert.Alert, error) {
	sa, ok := alerts[id]
	switch {
	case !ok:
		return sa.Alert, notFound("alert %q not found", id)
	case sa.Alert.State == notify.StateResolved:
		return sa.Alert, conflict("alert %q resolved at %s; there is nothing to acknowledge until it fires again", id, sa.Alert.ResolvedAt.UTC().Format(timeFormat))
	case sa.Alert.State == notify.StateAcknowledged:
		return sa.Alert, conflict("alert %q already acknowledged by %s at %s", id, sa.Alert.AckedBy, sa.Alert.AckedAt.UTC().Format(timeFormat))
	}
	return sa.Alert, nil
}
