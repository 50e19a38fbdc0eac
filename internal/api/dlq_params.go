package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/logstack/logstack/internal/queue"
)

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
