package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/logstack/logstack/internal/queue"
)

// DeadLetterQueue is the queue side of the dead-letter admin API
// (implemented by *queue.Queue).
type DeadLetterQueue interface {
	ListDeadLetters(ctx context.Context, f queue.DeadLetterFilter) (queue.DeadLetterPage, error)
	GetDeadLetter(ctx context.Context, seq uint64) (queue.DeadLetter, error)
	DeleteDeadLetter(ctx context.Context, seq uint64) error
	ReplayDeadLetters(ctx context.Context, f queue.DeadLetterFilter, dryRun bool) (queue.ReplayReport, error)
	ReplayDeadLetterSeqs(ctx context.Context, seqs []uint64, dryRun bool) (queue.ReplayReport, error)
}

var _ DeadLetterQueue = (*queue.Queue)(nil)

// Bounds of the dead-letter API.
const (
	// previewBytes is how much of a payload a listing shows.
	previewBytes = 200
	// maxReplaySeqs caps the sequences one replay request may name.
	maxReplaySeqs = queue.MaxDeadLetterPage
	// maxReplayBody caps a replay request body.
	maxReplayBody = 1 << 20
)

// DeadLetters serves the dead-letter admin API: listing, inspecting,
// deleting and replaying what the store refused, so that nothing it
// refuses is dropped silently. It talks to the running server's queue
// because `serve` holds the embedded queue's data directory.
type DeadLetters struct {
	q   DeadLetterQueue
	log *slog.Logger
}

// NewDeadLetters returns the dead-letter API over q.
func NewDeadLetters(q DeadLetterQueue, logger *slog.Logger) *DeadLetters {
	return &DeadLetters{q: q, log: logger.With("component", "api.dlq")}
}

// Register mounts the handlers on mux, wrapped by wrap (authentication, the
// same as the search API's; nil for none).
func (d *DeadLetters) Register(mux *http.ServeMux, wrap func(http.Handler) http.Handler) {
	if wrap == nil {
		wrap = func(h http.Handler) http.Handler { return h }
	}
	mux.Handle("GET /api/v1/dlq", wrap(http.HandlerFunc(d.list)))
	mux.Handle("GET /api/v1/dlq/{seq}", wrap(http.HandlerFunc(d.get)))
	mux.Handle("DELETE /api/v1/dlq/{seq}", wrap(http.HandlerFunc(d.remove)))
	mux.Handle("POST /api/v1/dlq/replay", wrap(http.HandlerFunc(d.replay)))
}

func (d *DeadLetters) list(w http.ResponseWriter, r *http.Request) {
	f, err := filterParams(r)
	if err != nil {
		d.fail(w, err)
		return
	}
	page, err := d.q.ListDeadLetters(r.Context(), f)
	if err != nil {
		d.fail(w, err)
		return
	}
	out := DeadLetterList{DeadLetters: make([]DeadLetterJSON, len(page.Letters)), Next: page.Next, Through: page.Through, Total: page.Total}
	for i, dl := range page.Letters {
		out.DeadLetters[i] = letterJSON(dl)
	}
	writeJSON(w, http.StatusOK, out)
}

func (d *DeadLetters) get(w http.ResponseWriter, r *http.Request) {
	seq, err := seqParam(r)
	if err != nil {
		d.fail(w, err)
		return
	}
	dl, err := d.q.GetDeadLetter(r.Context(), seq)
	if err != nil {
		d.fail(w, err)
		return
	}
	out := letterJSON(dl)
	out.Data = string(dl.Data)
	writeJSON(w, http.StatusOK, out)
}

func (d *DeadLetters) remove(w http.ResponseWriter, r *http.Request) {
	seq, err := seqParam(r)
	if err != nil {
		d.fail(w, err)
		return
	}
	if err := d.q.DeleteDeadLetter(r.Context(), seq); err != nil {
		d.fail(w, err)
		return
	}
	d.log.Info("dead letter deleted", "seq", seq)
	writeJSON(w, http.StatusOK, map[string]any{"deleted": seq})
}

func (d *DeadLetters) replay(w http.ResponseWriter, r *http.Request) {
	req, err := replayParams(r)
	if err != nil {
		d.fail(w, err)
		return
	}
	var rep queue.ReplayReport
	if req.All {
		rep, err = d.q.ReplayDeadLetters(r.Context(), queue.DeadLetterFilter{
			After: req.After, Through: req.Through, Reason: req.Reason, Limit: req.Limit,
		}, req.DryRun)
	} else {
		rep, err = d.q.ReplayDeadLetterSeqs(r.Context(), req.Seqs, req.DryRun)
	}
	if err != nil && rep.Replayed == 0 {
		d.fail(w, err) // e.g. 503: the queue is full, nothing was replayed
		return
	}
	out := replayJSON(rep, req.DryRun)
	if err != nil {
		out.Stopped = err.Error()
	}
	if !req.DryRun && (rep.Replayed > 0 || len(rep.Failed) > 0) {
		d.log.Info("dead letters replayed", "replayed", rep.Replayed, "failed", len(rep.Failed))
	}
	writeJSON(w, http.StatusOK, out)
}

// fail answers a dead-letter API error: a missing letter is 404, a queue
// that is full or unreachable 503 with Retry-After, the rest as the search
// API answers them.
func (d *DeadLetters) fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, queue.ErrNotFound):
		writeJSON(w, http.StatusNotFound, map[string]any{"error": err.Error()})
	case queue.Retryable(err):
		w.Header().Set("Retry-After", "5")
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": err.Error()})
	default:
		writeError(d.log, w, err)
	}
}
