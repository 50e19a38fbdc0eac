package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
)

// testWrite checks that writes are idempotent by event.id, that refused
// events are reported with a reason while the rest is stored, and that
// searches return the documents as written.
func testWrite(t *testing.T, h Harness) {
	t.Run("Idempotent", func(t *testing.T) { testIdempotent(t, h) })
	t.Run("DuplicatesWithinBatch", func(t *testing.T) { testDuplicatesWithinBatch(t, h) })
	t.Run("Rejected", func(t *testing.T) { testRejected(t, h) })
	t.Run("Documents", func(t *testing.T) { testDocuments(t, h) })
	t.Run("Stats", func(t *testing.T) { testStats(t, h) })
	t.Run("Bulk", func(t *testing.T) { testBulk(t, h) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, h) })
	t.Run("Cancelled", func(t *testing.T) { testCancelled(t, h) })
}

// testIdempotent writes the fixture twice, as the indexer does when it
// crashes between Write and the queue ack: everything is stored once.
func testIdempotent(t *testing.T, h Harness) {
	e := openWithFixture(t, h)
	res := e.write(decode(t, fixture))
	if res.Written != 0 || res.Duplicates != fixtureDay1+fixtureDay2 || len(res.Rejected) != 0 {
		t.Errorf("replayed batch: %+v, want every event a duplicate", res)
	}
	if got := e.total("*"); got != fixtureDay1+fixtureDay2 {
		t.Errorf("stored %d events after the replay, want %d", got, fixtureDay1+fixtureDay2)
	}
	// A batch mixing stored and new events stores only the new ones.
	mixed := decode(t, `{"@timestamp":"2026-11-22T03:00:00Z","event":{"id":"e06"},"message":"disk full","log":{"level":"error"},"host":{"name":"web-2"},"service":{"name":"infra"}}
{"@timestamp":"2026-11-22T03:30:00Z","event":{"id":"n01"},"message":"fresh event"}`)
	if res := e.write(mixed); res.Written != 1 || res.Duplicates != 1 {
		t.Errorf("mixed batch: %+v, want 1 written, 1 duplicate", res)
	}
	if got := e.ids("fresh OR disk"); !slices.Equal(got, idList("e05 e06 n01")) {
		t.Errorf("after the mixed batch: %v", got)
	}
	if !h.IDsUniquePerPartition {
		// A client retry received on another day: same id, another
		// partition.
		retry := decode(t, `{"@timestamp":"2026-11-25T10:00:00Z","event":{"id":"e03"},"message":"User alice logged in"}`)
		if res := e.write(retry); res.Written != 0 || res.Duplicates != 1 {
			t.Errorf("retry in another partition: %+v, want a duplicate", res)
		}
	}
	if res := e.write(nil); res.Written != 0 || res.Duplicates != 0 || len(res.Rejected) != 0 {
		t.Errorf("empty batch: %+v", res)
	}
	if got := e.total("*"); got != fixtureDay1+fixtureDay2+1 {
		t.Errorf("stored %d events, want %d", got, fixtureDay1+fixtureDay2+1)
	}
}

// testDuplicatesWithinBatch sends one id twice in a batch: the first
// occurrence is stored, the second counted as a duplicate.
func testDuplicatesWithinBatch(t *testing.T, h Harness) {
	e := open(t, h)
	res := e.write(decode(t, `{"@timestamp":"2026-11-22T12:00:00Z","event":{"id":"n1"},"message":"first"}
{"@timestamp":"2026-11-22T12:00:01Z","event":{"id":"n1"},"message":"second"}
{"@timestamp":"2026-11-22T12:00:02Z","event":{"id":"n2"},"message":"third"}`))
	if res.Written != 2 || res.Duplicates != 1 || len(res.Rejected) != 0 {
		t.Fatalf("batch with a repeated id: %+v, want 2 written, 1 duplicate", res)
	}
	f := func(q string, want int64) {
		t.Helper()
		if got := e.total(q); got != want {
			t.Errorf("%s: %d matches, want %d", q, got, want)
		}
	}
	f("first", 1)
	f("second", 0)
	f("third", 1)
	f("*", 2)
}

// testRejected writes values that do not fit their typed fields: each such
// event is reported with its index and a reason naming the field, the rest
// of the batch is stored.
func testRejected(t *testing.T, h Harness) {
	e := open(t, h)
	batch := decode(t, `{"@timestamp":"2026-11-22T01:00:00Z","event":{"id":"a"},"message":"good coerced","http":{"response":{"status_code":"404"}}}
{"@timestamp":"2026-11-22T01:00:01Z","event":{"id":"b"},"message":"bad","http":{"response":{"status_code":"abc"}}}
{"@timestamp":"2026-11-22T01:00:02Z","event":{"id":"c"},"message":"good","source":{"ip":"192.0.2.7"}}
{"@timestamp":"2026-11-22T01:00:03Z","event":{"id":"d"},"message":"bad","source":{"ip":"not-an-ip"}}
{"@timestamp":"2026-11-22T01:00:04Z","event":{"id":"e"},"message":"bad","host":{"name":{"nested":true}}}
{"@timestamp":"2026-11-22T01:00:05Z","event":{"id":"f"},"message":"good","http":{"response":{"status_code":200}}}`)
	res := e.write(batch)
	want := map[int]string{1: "http.response.status_code", 3: "source.ip", 4: "host.name"}
	if res.Written != 3 || res.Duplicates != 0 || len(res.Rejected) != len(want) {
		t.Fatalf("result %+v, want 3 written and rejections for %v", res, want)
	}
	if !slices.IsSortedFunc(res.Rejected, func(a, b store.Rejection) int { return a.Index - b.Index }) {
		t.Errorf("rejections not in batch order: %+v", res.Rejected)
	}
	for _, r := range res.Rejected {
		field, ok := want[r.Index]
		if !ok || !strings.Contains(r.Reason, field) {
			t.Errorf("rejection %+v, want one of %v with a reason naming the field", r, want)
		}
	}
	if got := e.ids("good"); !slices.Equal(got, idList("a c f")) {
		t.Errorf("stored %v, want a c f", got)
	}
	if got := e.total("bad"); got != 0 {
		t.Errorf("%d rejected events stored", got)
	}
	// The numeric string was coerced, as Elasticsearch does.
	if got := e.ids("http.response.status_code:404"); !slices.Equal(got, idList("a")) {
		t.Errorf("coerced status code: %v", got)
	}
	// A batch of rejects only is no error.
	res = e.write(decode(t, `{"@timestamp":"2026-11-22T01:00:06Z","event":{"id":"g"},"message":"bad","source":{"ip":"1.2.3"}}`))
	if res.Written != 0 || len(res.Rejected) != 1 || res.Rejected[0].Index != 0 || !strings.Contains(res.Rejected[0].Reason, "source.ip") {
		t.Errorf("batch of one reject: %+v", res)
	}
	// A rejected event fixed by its sender goes through.
	fixed := decode(t, `{"@timestamp":"2026-11-22T01:00:01Z","event":{"id":"b"},"message":"fixed","http":{"response":{"status_code":400}}}`)
	if res := e.write(fixed); res.Written != 1 {
		t.Errorf("fixed event: %+v", res)
	}
}

// testDocuments checks that a hit is the event as written (nested fields,
// arrays, numbers as sent).
func testDocuments(t *testing.T, h Harness) {
	e := openWithFixture(t, h)
	want := map[string]event.Event{}
	for _, ev := range decode(t, fixture) {
		want[ev.ID()] = ev
	}
	res := e.search(store.SearchRequest{Limit: 100})
	if len(res.Hits) != len(want) {
		t.Fatalf("%d hits, want %d", len(res.Hits), len(want))
	}
	for _, hit := range res.Hits {
		got := decodeDoc(t, hit)
		w := want[got.ID()]
		if !reflect.DeepEqual(got, jsonRoundTrip(t, w)) {
			t.Errorf("hit %s\nwant %v", hit, w)
		}
	}
}

// decodeDoc decodes a hit keeping numbers as json.Number.
func decodeDoc(t *testing.T, doc json.RawMessage) event.Event {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var ev event.Event
	if err := dec.Decode(&ev); err != nil {
		t.Fatalf("hit %s: %v", doc, err)
	}
	return ev
}

// jsonRoundTrip encodes an event and decodes it as decodeDoc does.
func jsonRoundTrip(t *testing.T, ev event.Event) event.Event {
	t.Helper()
	b, err := event.AppendJSON(nil, ev)
	if err != nil {
		t.Fatalf("encode %v: %v", ev, err)
	}
	return decodeDoc(t, b)
}

// testStats checks the event count and partitions after writes.
func testStats(t *testing.T, h Harness) {
	e := open(t, h)
	st, err := e.s.Stats(e.ctx)
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	if st.Events != 0 || st.Partitions != 0 {
		t.Errorf("empty store stats %+v", st)
	}
	evs := decode(t, fixture)
	e.write(evs)
	e.write(decode(t, fixture))
	st, err = e.s.Stats(e.ctx)
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	if st.Events != fixtureDay1+fixtureDay2 {
		t.Errorf("stats: %d events, want %d", st.Events, fixtureDay1+fixtureDay2)
	}
	if want := partitionsOf(t, evs, h.Partition); st.Partitions != want {
		t.Errorf("stats: %d partitions, want %d", st.Partitions, want)
	}
	if h.ReportsBytes && st.Bytes <= 0 {
		t.Errorf("stats: %d bytes", st.Bytes)
	}
}

// partitionsOf counts the distinct partitions the events fall in.
func partitionsOf(t *testing.T, evs []event.Event, width time.Duration) int {
	t.Helper()
	return len(partitionStarts(t, evs, width))
}

// testCancelled writes with a cancelled context, as the indexer does when
// it shuts down mid-write: the error is retryable and nothing is stored,
// so the replay after the restart writes the batch once.
func testCancelled(t *testing.T, h Harness) {
	e := open(t, h)
	ctx, cancel := context.WithCancel(e.ctx)
	cancel()
	if res, err := e.s.Write(ctx, decode(t, fixture)); err == nil || errors.Is(err, store.ErrPermanent) {
		t.Errorf("write with a cancelled context: %+v, %v; want a retryable error", res, err)
	}
	e.refresh()
	if got := e.total("*"); got != 0 {
		t.Errorf("%d events stored by a cancelled write", got)
	}
	if res := e.write(decode(t, fixture)); res.Written != fixtureDay1+fixtureDay2 {
		t.Errorf("replay after the cancelled write: %+v", res)
	}
}
