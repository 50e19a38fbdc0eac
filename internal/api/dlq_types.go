package api

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/logstack/logstack/internal/queue"
)

// DeadLetterJSON is one dead letter as GET /api/v1/dlq lists it: enough to
// decide what to do without fetching the payload (GET /api/v1/dlq/{seq}
// adds Data).
type DeadLetterJSON struct {
	// Seq is the dead-letter sequence that replay and delete take.
	Seq uint64 `json:"seq"`
	// ID is the message id the indexer gave the letter.
	ID string `json:"id,omitempty"`
	// Time is when the letter was stored.
	Time time.Time `json:"time"`
	// Reason is why the store (or the indexer's decoder) refused it.
	Reason string `json:"reason"`
	// Events counts the payload's non-blank lines (usually 1 event).
	Events int `json:"events"`
	// Size is the payload size in bytes.
	Size int `json:"size"`
	// Preview is the start of the payload, cut at a UTF-8 boundary.
	Preview string `json:"preview"`
	// Data is the whole payload (single letters only).
	Data string `json:"data,omitempty"`
}

// DeadLetterList is the answer of GET /api/v1/dlq.
type DeadLetterList struct {
	// DeadLetters are the matching letters, oldest first.
	DeadLetters []DeadLetterJSON `json:"dead_letters"`
	// Next is the `after` of the next page; 0 when there is none.
	Next uint64 `json:"next"`
	// Through is the newest sequence the listing considered; pass it on
	// with Next so that paging ends.
	Through uint64 `json:"through"`
	// Total counts all dead letters, matching or not.
	Total uint64 `json:"total"`
}

// ReplayRequest is the body of POST /api/v1/dlq/replay (the same names work
// as query parameters, with seq repeated or comma-separated): either Seqs,
// or All with the optional filter and paging fields.
type ReplayRequest struct {
	Seqs    []uint64 `json:"seqs,omitempty"`
	All     bool     `json:"all,omitempty"`
	Reason  string   `json:"reason,omitempty"`
	After   uint64   `json:"after,omitempty"`
	Through uint64   `json:"through,omitempty"`
	Limit   int      `json:"limit,omitempty"`
	DryRun  bool     `json:"dry_run,omitempty"`
}

// ReplayResponse is the answer of POST /api/v1/dlq/replay. For an `all`
// replay, Next and Through continue it as in DeadLetterList.
type ReplayResponse struct {
	// Replayed counts letters put back into the queue (with dry_run: that
	// would be).
	Replayed int `json:"replayed"`
	// Failed counts letters that were not replayed; they stay listed
	// (unless the reason is that they no longer exist).
	Failed int `json:"failed"`
	// Seqs are the sequences replayed (dry_run: matched).
	Seqs []uint64 `json:"seqs"`
	// Errors say why each failed letter failed.
	Errors []ReplayErrorJSON `json:"errors,omitempty"`
	// DryRun echoes the request: nothing was changed.
	DryRun bool `json:"dry_run,omitempty"`
	// Stopped says why the replay stopped before the end (the queue is
	// full or unreachable): retry later, from Next for an `all` replay.
	Stopped string `json:"stopped,omitempty"`
	Next    uint64 `json:"next"`
	Through uint64 `json:"through"`
}

// ReplayErrorJSON is one failed letter of a replay.
type ReplayErrorJSON struct {
	Seq   uint64 `json:"seq"`
	Error string `json:"error"`
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
