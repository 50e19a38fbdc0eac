package httpin

import (
	"encoding/json"
	"errors"
	"net/http"
)

// ingest serves POST /ingest. The answer is 200 {"accepted": n} only after
// every event of the request is durable; otherwise nothing of it is.
func (in *Input) ingest(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(w, r, in.cfg.MaxBodyBytes)
	if err != nil {
		in.refuse(w, inputHTTP, err)
		return
	}
	if lp, ok := in.pub.(linePublisher); ok && in.ingestLines(w, r, lp, body) {
		return
	}
	events, rerr := parseIngest(body, in.cfg.Limits, in.cfg.MaxEventsPerRequest)
	if rerr != nil {
		in.refuse(w, inputHTTP, rerr)
		return
	}
	f, ok := in.publish(r.Context(), inputHTTP, events)
	answer(w, f, ok, len(events))
}

// answer replies to a publish: 200 {"accepted": n} once durable.
func answer(w http.ResponseWriter, f *publishFailure, ok bool, n int) {
	switch {
	case !ok:
		writeGone(w)
	case f != nil:
		setRetryAfter(w, f.retryAfter)
		writeJSON(w, f.status, map[string]any{"error": f.msg})
	default:
		writeJSON(w, http.StatusOK, map[string]any{"accepted": n})
	}
}

// refuse answers a request rejected before publishing, in /ingest's shape:
// {"error": "...", "line": n} for NDJSON, "offset" for a byte position.
func (in *Input) refuse(w http.ResponseWriter, name string, err error) {
	var re *requestError
	if !errors.As(err, &re) {
		writeGone(w)
		return
	}
	in.m.rejected.WithLabelValues(name, re.reason).Inc()
	resp := map[string]any{"error": re.msg}
	if re.line > 0 {
		resp["line"] = re.line
	}
	if re.offset >= 0 {
		resp["offset"] = re.offset
	}
	writeJSON(w, re.status, resp)
}

// writeGone answers a request whose client went away. Nobody reads it; it
// only keeps net/http from sending an implicit 200 for events that were not
// made durable, should the client be there after all.
func writeGone(w http.ResponseWriter) {
	setRetryAfter(w, "5")
	writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": "request canceled"})
}

func setRetryAfter(w http.ResponseWriter, v string) {
	if v != "" {
		w.Header().Set("Retry-After", v)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding the response failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
