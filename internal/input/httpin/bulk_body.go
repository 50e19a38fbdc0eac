package httpin

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/logstack/logstack/internal/event"
)

// bulkItem is one action of a bulk request, answered in the response's
// items array in request order.
type bulkItem struct {
	action string // index, create, update or delete
	index  string
	id     string // "" until known
	event  int    // index into the events to publish, -1 for a failed item
	status int    // set for failed items only
	errTyp string
	reason string
}

// esRequestError refuses a whole bulk request, in Elasticsearch's shape.
type esRequestError struct {
	status int
	reason string // rejected_total reason
	typ    string // Elasticsearch exception type
	msg    string
}

func (e *esRequestError) Error() string { return e.msg }

func badBulk(format string, args ...any) *esRequestError {
	return &esRequestError{http.StatusBadRequest, reasonMalformed, "illegal_argument_exception", fmt.Sprintf(format, args...)}
}

type line struct {
	n int
	b []byte
}

// parseBulk reads a bulk body: action lines, each but delete followed by a
// source line. Bad sources and unsupported actions fail their item only, as
// in Elasticsearch; a malformed action line fails the request, since what
// follows it cannot be paired reliably.
func parseBulk(body []byte, defaultIndex string, lim event.Limits, maxEvents int) ([]bulkItem, []event.Event, *esRequestError) {
	var lines []line
	for n, b := range event.Lines(body) {
		lines = append(lines, line{n, b})
	}
	if len(lines) == 0 {
		return nil, nil, &esRequestError{http.StatusBadRequest, reasonMalformed, "parse_exception", "request body is required"}
	}
	var items []bulkItem
	var events []event.Event
	for i := 0; i < len(lines); i++ {
		act := lines[i]
		item, err := parseAction(act, defaultIndex, lim)
		if err != nil {
			return nil, nil, err
		}
		if item.action != "delete" {
			i++
			if i == len(lines) {
				return nil, nil, badBulk("action/metadata line [%d] has no source line: the %s action needs the document on the next line", act.n, item.action)
			}
		}
		switch item.action {
		case "delete", "update":
			item.fail(http.StatusBadRequest, "illegal_argument_exception",
				fmt.Sprintf("the [%s] action is not supported: logstack stores logs append-only, use index or create", item.action))
		default:
			e, perr := event.Parse(lines[i].b, lim)
			if perr != nil {
				item.fail(http.StatusBadRequest, "mapper_parsing_exception",
					fmt.Sprintf("failed to parse the document on line [%d]: %v", lines[i].n, perr))
				break
			}
			if len(events) == maxEvents {
				return nil, nil, &esRequestError{http.StatusRequestEntityTooLarge, reasonTooLarge, "illegal_argument_exception",
					fmt.Sprintf("more than %d documents in one bulk request: send smaller batches", maxEvents)}
			}
			item.event = len(events)
			events = append(events, toEvent(e, item))
		}
		items = append(items, item)
	}
	return items, events, nil
}

func (it *bulkItem) fail(status int, typ, reason string) {
	it.event, it.status, it.errTyp, it.reason = -1, status, typ, reason
}

// toEvent stores the bulk metadata in the document: _index as the top-level
// "_index" field and _id as event.id, so that a shipper's retry of the same
// document is deduplicated downstream.
func toEvent(e event.Event, it bulkItem) event.Event {
	e["_index"] = it.index
	if it.id != "" {
		if parent, ok := e["event"].(map[string]any); ok {
			delete(parent, "id")
		}
		// A literal dotted key: event.Normalize nests it where it can, and
		// Event.Get finds it first where it cannot (a non-object "event").
		e[event.FieldID] = it.id
	}
	return e
}

// parseAction reads {"<action>": {"_index": ..., "_id": ..., ...}}. Other
// metadata (routing, pipeline, require_alias, _type from 7.x shippers,
// version...) is accepted and ignored.
func parseAction(l line, defaultIndex string, lim event.Limits) (bulkItem, *esRequestError) {
	e, err := event.Parse(l.b, lim)
	if err != nil {
		return bulkItem{}, badBulk("Malformed action/metadata line [%d], expected a JSON object: %v", l.n, err)
	}
	if len(e) != 1 {
		return bulkItem{}, badBulk("Malformed action/metadata line [%d], expected exactly one action but found %d fields", l.n, len(e))
	}
	var item bulkItem
	var meta any
	for k, v := range e {
		item.action, meta = k, v
	}
	switch item.action {
	case "index", "create", "update", "delete":
	default:
		return bulkItem{}, badBulk("Malformed action/metadata line [%d], expected field [create], [delete], [index] or [update] but found [%s]", l.n, item.action)
	}
	m, ok := meta.(map[string]any)
	if !ok {
		return bulkItem{}, badBulk("Malformed action/metadata line [%d], expected an object for [%s]", l.n, item.action)
	}
	index, ok1 := metaString(m["_index"])
	id, ok2 := metaString(m["_id"])
	if !ok1 || !ok2 {
		return bulkItem{}, badBulk("Malformed action/metadata line [%d], [_index] and [_id] must be strings", l.n)
	}
	if index == "" {
		index = defaultIndex
	}
	if index == "" {
		return bulkItem{}, &esRequestError{http.StatusBadRequest, reasonMalformed, "action_request_validation_exception",
			fmt.Sprintf("Validation Failed: 1: index is missing on action/metadata line [%d];", l.n)}
	}
	item.index, item.id, item.event = index, id, -1
	return item, nil
}

// metaString accepts a string, a number (some shippers send numeric ids) or
// null/absent.
func metaString(v any) (string, bool) {
	switch t := v.(type) {
	case nil:
		return "", true
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	}
	return "", false
}
