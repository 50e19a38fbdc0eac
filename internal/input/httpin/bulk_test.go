package httpin

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input"
	"github.com/logstack/logstack/internal/queue"
)

const mixedBulk = `{"index":{"_index":"logs","_id":"abc"}}
{"message":"one"}
{"create":{"_index":"logs","pipeline":"ignored","require_alias":false}}
{"message":"two"}
{"delete":{"_index":"logs","_id":"x"}}
{"update":{"_index":"logs","_id":"y"}}
{"doc":{"a":1}}
{"index":{"_index":"logs"}}
{"message":"bad"
{"index":{"_index":"logs"}}
[1,2]
{"create":{"_index":"other","_id":7}}
{"message":"` + "\xff" + `"}
`

const mixedBulkResponse = `{"took":0,"errors":true,"items":[` +
	`{"index":{"_index":"logs","_id":"abc","_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}},` +
	`{"create":{"_index":"logs","_id":"gen-1","_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":1,"_primary_term":1,"status":201}},` +
	`{"delete":{"_index":"logs","_id":"x","status":400,"error":{"type":"illegal_argument_exception","reason":"the [delete] action is not supported: logstack stores logs append-only, use index or create"}}},` +
	`{"update":{"_index":"logs","_id":"y","status":400,"error":{"type":"illegal_argument_exception","reason":"the [update] action is not supported: logstack stores logs append-only, use index or create"}}},` +
	`{"index":{"_index":"logs","_id":null,"status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse the document on line [9]: unexpected end of JSON input at byte 16"}}},` +
	`{"index":{"_index":"logs","_id":null,"status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse the document on line [11]: expected a JSON object, got array at byte 0"}}},` +
	`{"create":{"_index":"other","_id":"7","status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse the document on line [13]: invalid UTF-8 at byte 12"}}}` +
	`]}`

func TestBulkMixedItems(t *testing.T) {
	pub := &fakePub{}
	s := newServer(t, Config{}, pub)
	w := s.do(req{"POST", "/_bulk", []byte(mixedBulk), map[string]string{"Content-Type": "application/vnd.elasticsearch+x-ndjson;compatible-with=8"}})
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != mixedBulkResponse {
		t.Fatalf("got %d\n%s\nwant\n%s", w.Code, w.Body, mixedBulkResponse)
	}
	if h := w.Header().Get("X-Elastic-Product"); h != "Elasticsearch" {
		t.Fatalf("X-Elastic-Product = %q", h)
	}
	if len(pub.calls) != 1 || len(pub.calls[0]) != 2 || pub.input[0] != "bulk" {
		t.Fatalf("publish calls %d (%v), want one with 2 events from bulk", len(pub.calls), pub.input)
	}
	for i, want := range []event.Event{
		{"message": "one", "_index": "logs", event.FieldID: "abc"},
		{"message": "two", "_index": "logs", event.FieldID: "gen-1"},
	} {
		if got := pub.calls[0][i]; !reflect.DeepEqual(got, want) {
			t.Fatalf("event %d = %v, want %v", i, got, want)
		}
	}
	if got := testutil.ToFloat64(s.in.m.events.WithLabelValues("bulk")); got != 2 {
		t.Fatalf("events_total{bulk} = %v", got)
	}
}

func TestBulkPathIndexAndMethods(t *testing.T) {
	f := func(method, path, wantIndex string) {
		t.Helper()
		pub := &fakePub{}
		s := newServer(t, Config{}, pub)
		body := "{\"index\":{}}\n{\"a\":1}\n{\"create\":{\"_index\":\"explicit\"}}\n{\"a\":2}\n"
		w := s.do(req{method, path, []byte(body), nil})
		if w.Code != 200 {
			t.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
		}
		if got := pub.calls[0][0]["_index"]; got != wantIndex {
			t.Fatalf("%s %s: _index %v, want %s", method, path, got, wantIndex)
		}
		if got := pub.calls[0][1]["_index"]; got != "explicit" {
			t.Fatalf("%s %s: the action's _index lost to the path's: %v", method, path, got)
		}
	}
	f("POST", "/from-path/_bulk", "from-path")
	f("PUT", "/from-path/_bulk", "from-path")
}

func TestBulkIDBecomesEventID(t *testing.T) {
	var got []event.Event
	pub := input.PublisherFunc(func(_ context.Context, _ string, events []event.Event) error {
		for _, e := range events {
			event.Normalize(e, time.Unix(0, 0))
		}
		got = events
		return nil
	})
	s := newServer(t, Config{}, pub)
	body := `{"index":{"_index":"l","_id":"abc"}}
{"message":"plain"}
{"index":{"_index":"l","_id":"def"}}
{"event":{"id":"sender","kind":"k"},"event.id":"dotted"}
{"index":{"_index":"l","_id":"ghi"}}
{"event":"not an object"}
`
	if w := s.do(req{"POST", "/_bulk", []byte(body), nil}); w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	for i, want := range []string{"abc", "def", "ghi"} {
		if id := got[i].ID(); id != want {
			t.Fatalf("event %d: event.id %q, want %q (%v)", i, id, want, got[i])
		}
	}
	if kind := got[1].String("event.kind"); kind != "k" {
		t.Fatalf("the document's other event fields were lost: %v", got[1])
	}
	if v := got[2]["event"]; v != "not an object" {
		t.Fatalf("a non-object event field was overwritten: %v", got[2])
	}
}

func TestBulkRequestErrors(t *testing.T) {
	f := func(name string, cfg Config, path string, body []byte, header map[string]string, wantCode int, wantBody string) {
		t.Helper()
		pub := &fakePub{}
		s := newServer(t, cfg, pub)
		w := s.do(req{"POST", path, body, header})
		if w.Code != wantCode || strings.TrimSpace(w.Body.String()) != wantBody {
			t.Fatalf("%s: %d %s\nwant %d %s", name, w.Code, w.Body, wantCode, wantBody)
		}
		if w.Header().Get("X-Elastic-Product") != "Elasticsearch" || w.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("%s: headers %v", name, w.Header())
		}
		if n := pub.published(); n != 0 {
			t.Fatalf("%s: %d events published from a rejected request", name, n)
		}
	}
	esErr := func(status, typ, reason string) string {
		c := `{"type":"` + typ + `","reason":"` + reason + `"}`
		return `{"error":{"root_cause":[` + c + `],` + c[1:len(c)-1] + `},"status":` + status + `}`
	}
	f("malformed action", Config{}, "/x/_bulk", []byte("{\"index\":{}}\n{}\n{\"index\":\n{}\n"), nil,
		400, esErr("400", "illegal_argument_exception", "Malformed action/metadata line [3], expected a JSON object: unexpected end of JSON input at byte 9"))
	f("unknown action", Config{}, "/x/_bulk", []byte("{\"upsert\":{}}\n{}\n"), nil,
		400, esErr("400", "illegal_argument_exception", "Malformed action/metadata line [1], expected field [create], [delete], [index] or [update] but found [upsert]"))
	f("two actions", Config{}, "/x/_bulk", []byte("{\"index\":{},\"create\":{}}\n{}\n"), nil,
		400, esErr("400", "illegal_argument_exception", "Malformed action/metadata line [1], expected exactly one action but found 2 fields"))
	f("action not an object", Config{}, "/x/_bulk", []byte("{\"index\":\"x\"}\n{}\n"), nil,
		400, esErr("400", "illegal_argument_exception", "Malformed action/metadata line [1], expected an object for [index]"))
	f("bad _index type", Config{}, "/x/_bulk", []byte("{\"index\":{\"_index\":[]}}\n{}\n"), nil,
		400, esErr("400", "illegal_argument_exception", "Malformed action/metadata line [1], [_index] and [_id] must be strings"))
	f("missing source", Config{}, "/x/_bulk", []byte("{\"index\":{}}\n{}\n{\"create\":{}}\n"), nil,
		400, esErr("400", "illegal_argument_exception", "action/metadata line [3] has no source line: the create action needs the document on the next line"))
	f("no index", Config{}, "/_bulk", []byte("{\"index\":{}}\n{}\n"), nil,
		400, esErr("400", "action_request_validation_exception", "Validation Failed: 1: index is missing on action/metadata line [1];"))
	f("empty", Config{}, "/_bulk", nil, nil,
		400, esErr("400", "parse_exception", "request body is required"))
	f("too many", Config{MaxEventsPerRequest: 1}, "/x/_bulk", []byte("{\"index\":{}}\n{}\n{\"index\":{}}\n{}\n"), nil,
		413, esErr("413", "illegal_argument_exception", "more than 1 documents in one bulk request: send smaller batches"))
	f("too large", Config{MaxBodyBytes: 5}, "/x/_bulk", []byte("{\"index\":{}}\n{}\n"), nil,
		413, esErr("413", "illegal_argument_exception", "request body over 5 bytes"))
	f("unknown encoding", Config{}, "/x/_bulk", []byte("{}"), map[string]string{"Content-Encoding": "zstd"},
		415, esErr("415", "parse_exception", `unsupported Content-Encoding \"zstd\": send identity or gzip`))
	f("no key", Config{BulkAuth: auth.New([]string{"k"})}, "/x/_bulk", []byte("{\"index\":{}}\n{}\n"), nil,
		401, esErr("401", "security_exception", "missing authentication credentials for REST request"))
	f("wrong key", Config{BulkAuth: auth.New([]string{"k"})}, "/x/_bulk", []byte("{\"index\":{}}\n{}\n"), map[string]string{"Authorization": "ApiKey x"},
		401, esErr("401", "security_exception", "invalid API key"))
}

func TestBulkBackpressure(t *testing.T) {
	f := func(err error, wantCode int, wantRetryAfter, wantType string) {
		t.Helper()
		s := newServer(t, Config{}, &fakePub{err: err})
		w := s.do(req{"POST", "/x/_bulk", []byte("{\"index\":{}}\n{}\n"), nil})
		if w.Code != wantCode || w.Header().Get("Retry-After") != wantRetryAfter {
			t.Fatalf("%v: %d Retry-After %q", err, w.Code, w.Header().Get("Retry-After"))
		}
		e, _ := decodeBody(t, w)["error"].(map[string]any)
		if e["type"] != wantType {
			t.Fatalf("%v: body %s, want type %s", err, w.Body, wantType)
		}
	}
	f(queue.ErrFull, 429, "1", "es_rejected_execution_exception")
	f(queue.ErrDiskLow, 503, "5", "unavailable_shards_exception")
	f(queue.ErrUnavailable, 503, "5", "unavailable_shards_exception")
	f(errors.New("boom"), 500, "", "exception")
}

func TestBulkFilterPath(t *testing.T) {
	s := newServer(t, Config{}, &fakePub{})
	body := gz(t, "{\"index\":{\"_index\":\"l\"}}\n{}\n{\"delete\":{\"_index\":\"l\",\"_id\":\"1\"}}\n")
	w := s.do(req{"POST", "/_bulk?filter_path=errors,items.*.error,items.*.status", body, map[string]string{"Content-Encoding": "gzip"}})
	want := `{"errors":true,"items":[{"index":{"status":201}},{"delete":{"error":{"reason":"the [delete] action is not supported: logstack stores logs append-only, use index or create","type":"illegal_argument_exception"},"status":400}}]}`
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != want {
		t.Fatalf("%d %s\nwant %s", w.Code, w.Body, want)
	}
}

func TestBulkAllItemsFailedPublishesNothing(t *testing.T) {
	pub := &fakePub{}
	s := newServer(t, Config{}, pub)
	w := s.do(req{"POST", "/x/_bulk", []byte("{\"delete\":{\"_id\":\"1\"}}\n{\"index\":{}}\nnot json\n"), nil})
	if w.Code != 200 || decodeBody(t, w)["errors"] != true {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if len(pub.calls) != 0 {
		t.Fatalf("%d publish calls for a request without valid items", len(pub.calls))
	}
}

func TestBulkAuthAccepts(t *testing.T) {
	s := newServer(t, Config{BulkAuth: auth.New([]string{"k"})}, &fakePub{})
	for _, h := range []map[string]string{
		{"Authorization": "ApiKey " + "aWQ6aw=="},    // base64("id:k") as Filebeat sends api_key: id:k
		{"Authorization": "Basic " + "ZWxhc3RpYzpr"}, // base64("elastic:k")
	} {
		if w := s.do(req{"POST", "/x/_bulk", []byte("{\"index\":{}}\n{}\n"), h}); w.Code != http.StatusOK {
			t.Fatalf("%v: %d %s", h, w.Code, w.Body)
		}
	}
}
