package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

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

// replayJSON converts a queue report.
func replayJSON(rep queue.ReplayReport, dryRun bool) ReplayResponse {
	out := ReplayResponse{Replayed: rep.Replayed, Failed: len(rep.Failed), Seqs: rep.Seqs, DryRun: dryRun, Next: rep.Next, Through: rep.Through}
	if out.Seqs == nil {
		out.Seqs = []uint64{}
	}
	for _, f := range rep.Failed {
		out.Errors = append(out.Errors, ReplayErrorJSON{Seq: f.Seq, Error: f.Err.Error()})
	}
	return out
}

// letterJSON summarises a letter for a listing.
func letterJSON(dl queue.DeadLetter) DeadLetterJSON {
	return DeadLetterJSON{
		Seq:     dl.Seq,
		ID:      dl.ID,
		Time:    dl.Time.UTC(),
		Reason:  dl.Reason,
		Events:  countLines(dl.Data),
		Size:    len(dl.Data),
		Preview: preview(dl.Data),
	}
}

// countLines counts non-blank lines, the events of a queue payload.
func countLines(data []byte) int {
	n := 0
	for line := range bytes.SplitSeq(data, []byte{'\n'}) {
		if len(bytes.TrimSpace(line)) > 0 {
			n++
		}
	}
	return n
}

// preview is the start of data, cut back to a whole UTF-8 character.
func preview(data []byte) string {
	if len(data) <= previewBytes {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	cut := previewBytes
	for cut > 0 && !utf8.RuneStart(data[cut]) {
		cut--
	}
	return strings.ToValidUTF8(string(data[:cut]), "\uFFFD") + "…"
}

// filterParams reads limit, after, through and reason.
func filterParams(r *http.Request) (queue.DeadLetterFilter, error) {
	v := r.URL.Query()
	f := queue.DeadLetterFilter{Reason: v.Get("reason")}
	limit, err := intParam(r, "limit", 100, queue.MaxDeadLetterPage)
	if err != nil {
		return f, err
	}
	f.Limit = limit
	if f.After, err = uintParam(v.Get("after"), "after"); err != nil {
		return f, err
	}
	if f.Through, err = uintParam(v.Get("through"), "through"); err != nil {
		return f, err
	}
	return f, nil
}

// seqParam reads the {seq} path value.
func seqParam(r *http.Request) (uint64, error) {
	seq, err := uintParam(r.PathValue("seq"), "seq")
	if err == nil && seq == 0 {
		err = &requestError{Param: "seq", Err: errors.New("sequences start at 1")}
	}
	return seq, err
}

// uintParam parses an optional non-negative integer parameter.
func uintParam(s, name string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, &requestError{Param: name, Err: fmt.Errorf("want a non-negative integer, got %q", s)}
	}
	return n, nil
}

// boolParam parses an optional boolean parameter (false when empty).
func boolParam(s, name string) (bool, error) {
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, &requestError{Param: name, Err: fmt.Errorf("want true or false, got %q", s)}
	}
	return b, nil
}

// replayParams reads a ReplayRequest from a JSON body or, when the body is
// empty, from the query, and checks it.
func replayParams(r *http.Request) (ReplayRequest, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxReplayBody+1))
	if err != nil {
		return ReplayRequest{}, &requestError{Param: "body", Err: err}
	}
	var req ReplayRequest
	if len(bytes.TrimSpace(body)) > 0 {
		if len(body) > maxReplayBody {
			return req, &requestError{Param: "body", Err: fmt.Errorf("over %d bytes", maxReplayBody)}
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return req, &requestError{Param: "body", Err: err}
		}
	} else if req, err = replayQuery(r); err != nil {
		return req, err
	}
	switch {
	case req.All == (len(req.Seqs) > 0):
		return req, &requestError{Param: "seqs", Err: errors.New("give either seqs or all=true")}
	case len(req.Seqs) > maxReplaySeqs:
		return req, &requestError{Param: "seqs", Err: fmt.Errorf("%d sequences, at most %d per request", len(req.Seqs), maxReplaySeqs)}
	case !req.All && (req.Reason != "" || req.After != 0 || req.Through != 0):
		return req, &requestError{Param: "reason", Err: errors.New("reason, after and through apply to all=true only")}
	case req.Limit < 0 || req.Limit > queue.MaxDeadLetterPage:
		return req, &requestError{Param: "limit", Err: fmt.Errorf("want 0 to %d", queue.MaxDeadLetterPage)}
	}
	return req, nil
}

// replayQuery reads a ReplayRequest from query parameters.
func replayQuery(r *http.Request) (ReplayRequest, error) {
	v := r.URL.Query()
	f, err := filterParams(r)
	if err != nil {
		return ReplayRequest{}, err
	}
	req := ReplayRequest{Reason: f.Reason, After: f.After, Through: f.Through}
	if v.Has("limit") {
		req.Limit = f.Limit
	}
	if req.All, err = boolParam(v.Get("all"), "all"); err != nil {
		return req, err
	}
	if req.DryRun, err = boolParam(v.Get("dry_run"), "dry_run"); err != nil {
		return req, err
	}
	for _, list := range append(v["seq"], v["seqs"]...) {
		for s := range strings.SplitSeq(list, ",") {
			seq, err := uintParam(strings.TrimSpace(s), "seqs")
			if err != nil {
				return req, err
			}
			if seq > 0 {
				req.Seqs = append(req.Seqs, seq)
			}
		}
	}
	return req, nil
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
