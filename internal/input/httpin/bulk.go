package httpin

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/logstack/logstack/internal/event"
)

// bulk serves POST|PUT /_bulk and /{index}/_bulk. Valid items are published
// in one call; only once that returned nil are they answered 201. If it
// fails, the whole request gets 429/503 so that the shipper retries it all.
func (in *Input) bulk(w http.ResponseWriter, r *http.Request, index string) {
	start := in.now()
	body, err := readBody(w, r, in.cfg.MaxBodyBytes)
	if err != nil {
		in.refuseES(w, err)
		return
	}
	items, events, berr := parseBulk(body, index, in.cfg.Limits, in.cfg.MaxEventsPerRequest)
	if berr != nil {
		in.refuseES(w, berr)
		return
	}
	if len(events) > 0 {
		f, ok := in.publish(r.Context(), inputBulk, events)
		switch {
		case !ok:
			writeGone(w)
			return
		case f != nil:
			setRetryAfter(w, f.retryAfter)
			writeESError(w, f.status, esType(f.status), f.msg)
			return
		}
	}
	if len(items) > len(events) {
		// rejected_total counts requests: one with failed items counts once;
		// which items failed and why is in the response.
		in.m.rejected.WithLabelValues(inputBulk, reasonMalformed).Inc()
	}
	resp := in.bulkResponse(items, events, in.now().Sub(start))
	writeFiltered(w, http.StatusOK, resp, r.URL.Query().Get("filter_path"))
}

// esType names the exception Elasticsearch reports for a status the queue
// caused; es_rejected_execution_exception is what shippers expect with 429.
func esType(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "es_rejected_execution_exception"
	case http.StatusServiceUnavailable:
		return "unavailable_shards_exception"
	case http.StatusRequestEntityTooLarge:
		return "illegal_argument_exception"
	}
	return "exception"
}

// refuseES answers a bulk request refused before publishing.
func (in *Input) refuseES(w http.ResponseWriter, err error) {
	var (
		re  *requestError
		ere *esRequestError
	)
	switch {
	case errors.As(err, &ere):
		in.m.rejected.WithLabelValues(inputBulk, ere.reason).Inc()
		writeESError(w, ere.status, ere.typ, ere.msg)
	case errors.As(err, &re):
		in.m.rejected.WithLabelValues(inputBulk, re.reason).Inc()
		typ := "parse_exception"
		if re.status == http.StatusRequestEntityTooLarge {
			typ = "illegal_argument_exception"
		}
		writeESError(w, re.status, typ, re.msg)
	default:
		writeGone(w)
	}
}

type bulkResponse struct {
	Took   int64                 `json:"took"`
	Errors bool                  `json:"errors"`
	Items  []map[string]itemResp `json:"items"`
}

type itemResp struct {
	Index       string   `json:"_index"`
	ID          *string  `json:"_id"`
	Version     int      `json:"_version,omitempty"`
	Result      string   `json:"result,omitempty"`
	Shards      *shards  `json:"_shards,omitempty"`
	SeqNo       *int64   `json:"_seq_no,omitempty"`
	PrimaryTerm int      `json:"_primary_term,omitempty"`
	Status      int      `json:"status"`
	Error       *esCause `json:"error,omitempty"`
}

type shards struct {
	Total      int `json:"total"`
	Successful int `json:"successful"`
	Failed     int `json:"failed"`
}

// bulkResponse builds the answer after a successful publish. Generated ids
// are read back from the events, which the Publisher normalized in place.
func (in *Input) bulkResponse(items []bulkItem, events []event.Event, took time.Duration) bulkResponse {
	resp := bulkResponse{Took: took.Milliseconds(), Items: make([]map[string]itemResp, len(items))}
	for i, it := range items {
		r := itemResp{Index: it.index}
		if it.id != "" {
			r.ID = &it.id
		}
		if it.event < 0 {
			resp.Errors = true
			r.Status = it.status
			r.Error = &esCause{Type: it.errTyp, Reason: it.reason}
		} else {
			if r.ID == nil {
				id := events[it.event].ID()
				r.ID = &id
			}
			seq := in.seq.Add(1) - 1
			r.Version, r.Result, r.SeqNo, r.PrimaryTerm, r.Status = 1, "created", &seq, 1, http.StatusCreated
			r.Shards = &shards{Total: 1, Successful: 1}
		}
		resp.Items[i] = map[string]itemResp{it.action: r}
	}
	return resp
}

// writeFiltered writes v, reduced to the paths in filterPath when given.
func writeFiltered(w http.ResponseWriter, status int, v any, filterPath string) {
	if filterPath == "" {
		writeJSON(w, status, v)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"error": "encoding the response failed"})
		return
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	_ = dec.Decode(&doc) // our own encoding: cannot fail
	writeJSON(w, status, applyFilterPath(doc, filterPath))
}
