package alert

import (
	"context"
	"errors"
)

// ErrConflict means a write lost an optimistic-concurrency race: the stored
// revision was not the one the writer read, so another alerter process
// changed the record (typically after taking over the lease). It is
// permanent for that write: the loser must reload, not retry blindly.
var ErrConflict = errors.New("alert store: revision conflict")

// StoredAlert is an alert with the store revision it was read at.
type StoredAlert struct {
	Alert    Alert
	Revision uint64
}

// Store persists the alerter's state. Every alert write names the revision
// it was read at (0: the alert must not exist yet) and fails with
// ErrConflict when the stored one differs, so two processes never silently
// overwrite each other's notification log. The notification log is part of
// the alert record, so an alert's state and its log change atomically.
type Store interface {
	// Alerts returns every stored alert by Key.String().
	Alerts(ctx context.Context) (map[string]StoredAlert, error)
	// PutAlert stores a at revision rev and returns the new revision.
	PutAlert(ctx context.Context, a Alert, rev uint64) (uint64, error)
	// DeleteAlert removes the alert key stored at revision rev.
	DeleteAlert(ctx context.Context, key string, rev uint64) error
	// Silences returns every stored silence, expired ones included.
	Silences(ctx context.Context) ([]Silence, error)
	// PutSilence creates or replaces the silence with s.ID.
	PutSilence(ctx context.Context, s Silence) error
	// Acks returns every stored acknowledgement.
	Acks(ctx context.Context) ([]Ack, error)
	// PutAck stores the latest acknowledgement of a.Key.
	PutAck(ctx context.Context, a Ack) error
}
