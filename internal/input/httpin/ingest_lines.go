package httpin

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/logstack/logstack/internal/event"
)

// linePublisher is a Publisher that also takes events already normalized
// into JSON lines (broker.Broker does), so /ingest never builds a map per
// event on its common path.
type linePublisher interface {
	PublishLines(ctx context.Context, in string, data []byte, ids []string) error
}

// ingestLines serves an NDJSON /ingest body through a linePublisher. It
// reports false, having answered nothing, for a body it leaves to the
// event path: an array, an empty body, or one pretty-printed object.
func (in *Input) ingestLines(w http.ResponseWriter, r *http.Request, lp linePublisher, body []byte) bool {
	start := skipSpace(body, 0)
	if start == len(body) || body[start] == '[' {
		return false
	}
	data, ids, rerr, ok := normalizeNDJSON(body, in.cfg.Limits, in.cfg.MaxEventsPerRequest, in.now())
	if !ok {
		return false
	}
	if rerr != nil {
		in.refuse(w, inputHTTP, rerr)
		return true
	}
	f, ok := in.publishWith(r.Context(), inputHTTP, len(ids), func() error {
		return lp.PublishLines(r.Context(), inputHTTP, data, ids)
	})
	answer(w, f, ok, len(ids))
	return true
}

// normalizeNDJSON is parseNDJSON producing normalized lines ("\n"-ended)
// and their event ids, with the same errors. ok is false when the first
// line is an unfinished object, which parseNDJSON reads as one
// pretty-printed object.
func normalizeNDJSON(body []byte, lim event.Limits, maxEvents int, now time.Time) (data []byte, ids []string, rerr *requestError, ok bool) {
	data = make([]byte, 0, len(body)+len(body)/4)
	for n, line := range event.Lines(body) {
		next, id, err := event.NormalizeLine(data, line, lim, now)
		if err != nil {
			if len(ids) == 0 && incomplete(err) {
				return nil, nil, nil, false
			}
			return nil, nil, malformed(fmt.Sprintf("line %d: %v", n, err), n, -1), true
		}
		if len(ids) == maxEvents {
			return nil, nil, tooMany(maxEvents), true
		}
		data, ids = append(next, '\n'), append(ids, id)
	}
	return data, ids, nil, true
}
