package api

import (
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/notify"
)

// AlertJSON is one alert episode as the alerts API shows it: the stored
// alert plus what an operator needs to act on it (its ID for ack, the
// silences muting it now).
type AlertJSON struct {
	// ID is alert.Key.String() ("rule" or "rule/value"), the {id} of
	// GET /api/v1/alerts/{id} and of the ack endpoint (path-escaped).
	ID string `json:"id"`
	// Key is the rule (or alarm) name and the query_key value.
	Key alert.Key `json:"key"`
	// State is firing, acknowledged or resolved.
	State notify.State `json:"state"`
	// Policy is the escalation policy the alert follows.
	Policy   string            `json:"policy"`
	Severity string            `json:"severity,omitempty"`
	Subject  string            `json:"subject,omitempty"`
	Text     string            `json:"text,omitempty"`
	Labels   map[string]string `json:"labels,omitempty"`
	// StartedAt is the episode's start; LastSeen the latest step with a match.
	StartedAt time.Time `json:"started_at"`
	LastSeen  time.Time `json:"last_seen"`
	// Matches is the latest match count the rule reported.
	Matches    int       `json:"matches"`
	AckedBy    string    `json:"acked_by,omitempty"`
	AckedAt    time.Time `json:"acked_at,omitzero"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	// Silenced counts the notifications silences suppressed so far.
	Silenced int `json:"silenced"`
	// SilencedBy lists the IDs of the active silences matching the alert
	// now; never null.
	SilencedBy []string `json:"silenced_by"`
	// Log is the episode's notification history, oldest first; never null.
	Log []alert.LogEntry `json:"log"`
}

// AlertList is the answer of GET /api/v1/alerts.
type AlertList struct {
	// Alerts are firing ones first, then acknowledged, then resolved; within
	// a state the newest episode first (ties by ID).
	Alerts []AlertJSON `json:"alerts"`
}

// AckRequest is the body of POST /api/v1/alerts/{id}/ack.
type AckRequest struct {
	// By names who takes the alert; required.
	By string `json:"by"`
	// Comment is free text kept with the acknowledgement.
	Comment string `json:"comment,omitempty"`
}

// SilenceState says whether a silence applies now (as Alertmanager's
// silence status does).
type SilenceState string

// Silence states.
const (
	SilencePending SilenceState = "pending"
	SilenceActive  SilenceState = "active"
	SilenceExpired SilenceState = "expired"
)

// SilenceJSON is a stored silence with its state at the time of the answer.
type SilenceJSON struct {
	alert.Silence
	State SilenceState `json:"state"`
}

// SilenceList is the answer of GET /api/v1/silences.
type SilenceList struct {
	// Silences are active ones first, then pending, then expired; within a
	// state the latest expiry first (ties by ID).
	Silences []SilenceJSON `json:"silences"`
}

// SilenceRequest is the body of POST /api/v1/silences: an alert.Silence
// whose ID the server assigns. StartsAt defaults to now; give either
// ExpiresAt or Duration (a duration such as 2h or 1d from StartsAt).
type SilenceRequest struct {
	// ID must be empty: the server generates it, so that a create can never
	// overwrite another silence's history.
	ID        string          `json:"id,omitempty"`
	Matchers  []alert.Matcher `json:"matchers"`
	StartsAt  time.Time       `json:"starts_at,omitzero"`
	ExpiresAt time.Time       `json:"expires_at,omitzero"`
	Duration  string          `json:"duration,omitempty"`
	Reason    string          `json:"reason"`
	Author    string          `json:"author"`
}
