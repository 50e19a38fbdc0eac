package httpin

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/logstack/logstack/internal/event"
)

// FuzzIngestBody checks the /ingest body parser on arbitrary bytes: no
// panics, either events or one error, never both; an error points inside
// the body; at most maxEvents events; everything accepted is valid UTF-8.
func FuzzIngestBody(f *testing.F) {
	f.Add([]byte("{\"message\":\"a\"}\n{\"message\":\"b\"}\n"))
	const maxEvents = 5
	f.Fuzz(func(t *testing.T, body []byte) {
		events, err := parseIngest(body, event.Limits{MaxDepth: 6}, maxEvents)
		if err != nil {
			if events != nil {
				t.Fatal("events returned with an error")
			}
			if err.offset > len(body) || err.line > strings.Count(string(body), "\n")+1 {
				t.Fatalf("error %q points outside the body (offset %d, line %d)", err.msg, err.offset, err.line)
			}
			if err.status != 400 && err.status != 413 {
				t.Fatalf("status %d", err.status)
			}
			return
		}
		if len(events) == 0 || len(events) > maxEvents {
			t.Fatalf("%d events accepted", len(events))
		}
		if !utf8.Valid(body) {
			t.Fatalf("accepted invalid UTF-8 %q", body)
		}
	})
}

// FuzzBulkBody checks the bulk parser: no panics; on success one item per
// action, every valid item pointing at its own event in order, every
// failed item carrying an Elasticsearch error.
func FuzzBulkBody(f *testing.F) {
	f.Add([]byte("{\"index\":{\"_index\":\"a\",\"_id\":\"1\"}}\n{\"m\":1}\n{\"delete\":{}}\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, events, err := parseBulk(body, "default", event.Limits{MaxDepth: 6}, 5)
		if err != nil {
			var ere *esRequestError
			if !errors.As(err, &ere) || items != nil || events != nil || ere.typ == "" {
				t.Fatalf("bad request error %#v", err)
			}
			return
		}
		next := 0
		for _, it := range items {
			if it.index == "" {
				t.Fatalf("item without index: %+v", it)
			}
			if it.event < 0 {
				if it.status != 400 || it.errTyp == "" || it.reason == "" {
					t.Fatalf("failed item without an error: %+v", it)
				}
				continue
			}
			if it.event != next || events[it.event]["_index"] != it.index {
				t.Fatalf("item %+v does not match event %d", it, next)
			}
			if it.id != "" && events[it.event][event.FieldID] != it.id {
				t.Fatalf("_id %q not stored as event.id", it.id)
			}
			next++
		}
		if next != len(events) {
			t.Fatalf("%d events, %d valid items", len(events), next)
		}
	})
}
