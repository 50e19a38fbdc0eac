package elasticsearch

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// TestBulkBody checks the NDJSON: create actions, hourly index from the
// event's UTC @timestamp, _id = event.id, the document as given.
func TestBulkBody(t *testing.T) {
	rc := &recorder{}
	rc.on("POST /_bulk", func(r request) (int, string) { return 200, allCreated(len(bulkLines(t, r.body))) })
	s := openAt(t, startRecorder(t, rc), nil)
	evs := events("a", "b", "c")
	evs[1]["@timestamp"] = "2026-11-22T12:59:00+02:00"
	evs[2]["event"] = map[string]any{"id": `q"uote`}
	docs := [][]byte{[]byte(`{"x":1}`), []byte("{\n  \"x\": 2\n}\n"), []byte(`{"x":3}`)}
	res, err := s.WriteDocs(t.Context(), evs, docs)
	if err != nil || res.Written != 3 {
		t.Fatalf("write: %+v, %v", res, err)
	}
	bulks := rc.requests("POST /_bulk")
	if len(bulks) != 1 || bulks[0].header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("bulk requests %+v", bulks)
	}
	got := bulkLines(t, bulks[0].body)
	want := [][2]string{
		{`{"create":{"_index":"logstack-2026.11.22.10","_id":"a"}}`, `{"x":1}`},
		{`{"create":{"_index":"logstack-2026.11.22.10","_id":"b"}}`, `{"x":2}`},
		{`{"create":{"_index":"logstack-2026.11.22.11","_id":"q\"uote"}}`, `{"x":3}`},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("bulk body\n%q\nwant\n%q", got, want)
	}
}

func allCreated(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = `{"create":{"_index":"x","_id":"` + fmt.Sprint(i) + `","status":201,"result":"created"}}`
	}
	return `{"took":1,"errors":false,"items":[` + strings.Join(items, ",") + `]}`
}

// TestBulkSplit checks splitting by count and by bytes.
func TestBulkSplit(t *testing.T) {
	f := func(change func(o *Options), ids []string, want [][]string) {
		t.Helper()
		rc := &recorder{}
		rc.on("POST /_bulk", func(r request) (int, string) { return 200, allCreated(len(bulkLines(t, r.body))) })
		s := openAt(t, startRecorder(t, rc), change)
		if res, err := s.Write(t.Context(), events(ids...)); err != nil || res.Written != len(ids) {
			t.Fatalf("write: %+v, %v", res, err)
		}
		var got [][]string
		for _, b := range rc.requests("POST /_bulk") {
			got = append(got, bulkIDs(t, b.body))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("bulk requests %v, want %v", got, want)
		}
	}
	f(func(o *Options) { o.BulkMaxEvents = 2 }, []string{"a", "b", "c", "d", "e"}, [][]string{{"a", "b"}, {"c", "d"}, {"e"}})
	// Each item is about 150 bytes: 400 bytes hold two.
	f(func(o *Options) { o.BulkMaxBytes = 400 }, []string{"a", "b", "c"}, [][]string{{"a", "b"}, {"c"}})
	// An item larger than the limit goes alone.
	f(func(o *Options) { o.BulkMaxBytes = 10 }, []string{"a", "b"}, [][]string{{"a"}, {"b"}})
}

// TestMixedBulkResponse is the acceptance test of the issue: a bulk
// response with successes, 429s, 5xx, conflicts and mapping errors leads
// to exactly the right retries and rejections.
func TestMixedBulkResponse(t *testing.T) {
	// Per id, the statuses of successive attempts.
	script := map[string][]int{
		"ok":       {201},
		"busy":     {429, 201},
		"flaky":    {503, 503, 201},
		"dup":      {409},
		"badmap":   {400},
		"notfound": {404},
	}
	var mu sync.Mutex
	attempts := map[string]int{}
	rc := &recorder{}
	rc.on("POST /_bulk", func(r request) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		var items []string
		for _, id := range bulkIDs(t, r.body) {
			st := script[id][attempts[id]]
			attempts[id]++
			items = append(items, bulkItem(id, st))
		}
		return 200, `{"took":3,"errors":true,"items":[` + strings.Join(items, ",") + `]}`
	})
	s := openAt(t, startRecorder(t, rc), nil)
	ids := []string{"ok", "busy", "badmap", "flaky", "dup", "notfound"}
	res, err := s.Write(t.Context(), events(ids...))
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	var sent [][]string
	for _, b := range rc.requests("POST /_bulk") {
		sent = append(sent, bulkIDs(t, b.body))
	}
	if fmt.Sprint(sent) != fmt.Sprint([][]string{ids, {"busy", "flaky"}, {"flaky"}}) {
		t.Errorf("bulk requests %v", sent)
	}
	want := store.WriteResult{Written: 3, Duplicates: 1, Rejected: []store.Rejection{
		{Index: 2, Reason: "400 mapper_parsing_exception: failed to parse field [source.ip] of type [ip] (caused by illegal_argument_exception: 'x' is not an IP string literal.)"},
		{Index: 5, Reason: "404 index_not_found_exception: no such index [logstack-2026.11.22.11]"},
	}}
	if fmt.Sprint(res) != fmt.Sprint(want) {
		t.Errorf("result\n%+v\nwant\n%+v", res, want)
	}
	for outcome, n := range map[string]float64{outcomeCreated: 3, outcomeDuplicate: 1, outcomeRejected: 2, outcomeRetried: 3} {
		if got := testutil.ToFloat64(s.m.items.WithLabelValues(outcome)); got != n {
			t.Errorf("items{%s} = %v, want %v", outcome, got, n)
		}
	}
	if got := testutil.ToFloat64(s.m.retries); got != 2 {
		t.Errorf("retries = %v, want 2", got)
	}
}

// bulkItem is one item of a _bulk reply as the documentation shows it.
func bulkItem(id string, status int) string {
	var errJSON string
	switch status {
	case 201:
		return `{"create":{"_index":"logstack-2026.11.22.11","_id":"` + id + `","_version":1,"result":"created","status":201}}`
	case 409:
		errJSON = `{"type":"version_conflict_engine_exception","reason":"[` + id + `]: version conflict, document already exists (current version [1])"}`
	case 429:
		errJSON = `{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"}`
	case 503:
		errJSON = `{"type":"unavailable_shards_exception","reason":"primary shard is not active"}`
	case 400:
		errJSON = `{"type":"mapper_parsing_exception","reason":"failed to parse field [source.ip] of type [ip]","caused_by":{"type":"illegal_argument_exception","reason":"'x' is not an IP string literal."}}`
	case 404:
		errJSON = `{"type":"index_not_found_exception","reason":"no such index [logstack-2026.11.22.11]"}`
	}
	return fmt.Sprintf(`{"create":{"_index":"logstack-2026.11.22.11","_id":"%s","status":%d,"error":%s}}`, id, status, errJSON)
}

// TestRetriesExhausted checks that items refused with 429 past MaxRetries
// end in a retryable error, after exactly MaxRetries resends.
func TestRetriesExhausted(t *testing.T) {
	rc := &recorder{}
	rc.on("POST /_bulk", func(r request) (int, string) {
		return 200, `{"errors":true,"items":[` + bulkItem("a", 429) + `]}`
	})
	s := openAt(t, startRecorder(t, rc), func(o *Options) { o.MaxRetries = 3 })
	_, err := s.Write(t.Context(), events("a"))
	if err == nil || errors.Is(err, store.ErrPermanent) || !strings.Contains(err.Error(), "es_rejected_execution_exception") {
		t.Fatalf("err = %v, want a retryable error naming the reason", err)
	}
	if n := len(rc.requests("POST /_bulk")); n != 4 {
		t.Errorf("%d bulk requests, want 1 + 3 retries", n)
	}
}

// TestWholeRequestFailures checks that a 503 reply is retried like its
// items and that a 400 reply is a permanent error.
func TestWholeRequestFailures(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	rc := &recorder{}
	rc.on("POST /_bulk", func(r request) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls == 1 {
			return 503, `{"error":{"type":"cluster_block_exception","reason":"blocked"},"status":503}`
		}
		return 200, allCreated(len(bulkLines(t, r.body)))
	})
	s := openAt(t, startRecorder(t, rc), nil)
	if res, err := s.Write(t.Context(), events("a", "b")); err != nil || res.Written != 2 {
		t.Fatalf("write after 503: %+v, %v", res, err)
	}

	bad := &recorder{}
	bad.on("POST /_bulk", func(r request) (int, string) {
		return 400, `{"error":{"type":"illegal_argument_exception","reason":"Malformed action/metadata line"},"status":400}`
	})
	s2 := openAt(t, startRecorder(t, bad), nil)
	_, err := s2.Write(t.Context(), events("a"))
	if !errors.Is(err, store.ErrPermanent) || !strings.Contains(err.Error(), "Malformed action") {
		t.Fatalf("err = %v, want permanent with the reason", err)
	}
}

// TestPrepareRejects checks what is refused before sending: no timestamp,
// no id, and repeats of an id within the batch.
func TestPrepareRejects(t *testing.T) {
	rc := &recorder{}
	rc.on("POST /_bulk", func(r request) (int, string) { return 200, allCreated(len(bulkLines(t, r.body))) })
	s := openAt(t, startRecorder(t, rc), nil)
	evs := events("a", "b", "a", "c", "d")
	delete(evs[1], "@timestamp")
	evs[3]["event"] = map[string]any{}
	evs[4]["@timestamp"] = "yesterday"
	res, err := s.Write(t.Context(), evs)
	if err != nil {
		t.Fatal(err)
	}
	want := store.WriteResult{Written: 1, Duplicates: 1, Rejected: []store.Rejection{
		{Index: 1, Reason: "missing @timestamp"}, {Index: 3, Reason: "missing event.id"}, {Index: 4, Reason: "invalid @timestamp yesterday"},
	}}
	if fmt.Sprint(res) != fmt.Sprint(want) {
		t.Fatalf("result %+v, want %+v", res, want)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(bulkLines(t, rc.requests("POST /_bulk")[0].body)[0][1]), &doc); err != nil || doc["message"] != "hello a" {
		t.Fatalf("encoded document %v, %v", doc, err)
	}
	if _, err := s.WriteDocs(t.Context(), evs, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteDocs(t.Context(), evs, [][]byte{nil}); !errors.Is(err, store.ErrBadRequest) {
		t.Fatalf("mismatched docs: %v", err)
	}
	_ = s.Close()
	if _, err := s.Write(t.Context(), []event.Event{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("write after close: %v", err)
	}
}

// TestTooLarge checks that a body over the cluster's limit (413) is split
// until it fits, and that an event too large alone is rejected.
func TestTooLarge(t *testing.T) {
	rc := &recorder{}
	rc.on("POST /_bulk", func(r request) (int, string) {
		if len(r.body) > 400 || strings.Contains(string(r.body), "huge") {
			return 413, ``
		}
		return 200, allCreated(len(bulkLines(t, r.body)))
	})
	s := openAt(t, startRecorder(t, rc), nil)
	evs := events("a", "b", "c", "d", "e")
	evs[3]["message"] = "huge"
	res, err := s.Write(t.Context(), evs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 4 || len(res.Rejected) != 1 || res.Rejected[0].Index != 3 || !strings.HasPrefix(res.Rejected[0].Reason, "413 ") {
		t.Fatalf("result %+v", res)
	}
	var sent [][]string
	for _, b := range rc.requests("POST /_bulk") {
		sent = append(sent, bulkIDs(t, b.body))
	}
	if fmt.Sprint(sent) != "[[a b c d e] [a b] [c d e] [c] [d e] [d] [e]]" {
		t.Errorf("bulk requests %v", sent)
	}
}
