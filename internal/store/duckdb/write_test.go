package duckdb

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// total counts the events matching q.
func total(t testing.TB, s *Store, q string) int64 {
	t.Helper()
	res, err := s.Search(context.Background(), store.SearchRequest{Query: storetest.Parse(t, q)})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res.Total
}

func TestWriteDeduplicates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logstack.duckdb")
	s := openAt(t, path)
	batch := storetest.Decode(t, fixture)
	if res := write(t, s, batch); res.Written != 20 || res.Duplicates != 0 {
		t.Fatalf("first write: %+v", res)
	}
	// The same batch again, as after a crash before the queue ack.
	if res := write(t, s, storetest.Decode(t, fixture)); res.Written != 0 || res.Duplicates != 20 {
		t.Fatalf("replayed batch: %+v", res)
	}
	// A client retry received on another day: same id, other timestamp.
	retry := storetest.Decode(t, `{"@timestamp":"2026-11-25T10:00:00Z","event":{"id":"e03"},"message":"User alice logged in"}`)
	if res := write(t, s, retry); res.Written != 0 || res.Duplicates != 1 {
		t.Fatalf("retry on another day: %+v", res)
	}
	// Repeats within a batch: the first one wins.
	within := storetest.Decode(t, `{"@timestamp":"2026-11-22T12:00:00Z","event":{"id":"n1"},"message":"first"}
{"@timestamp":"2026-11-22T12:00:01Z","event":{"id":"n1"},"message":"second"}
{"@timestamp":"2026-11-22T12:00:02Z","event":{"id":"n2"},"message":"third"}`)
	if res := write(t, s, within); res.Written != 2 || res.Duplicates != 1 {
		t.Fatalf("within batch: %+v", res)
	}
	if got := total(t, s, "first"); got != 1 {
		t.Errorf("first of the repeated ids stored %d times, want 1", got)
	}
	if got := total(t, s, "second"); got != 0 {
		t.Errorf("second of the repeated ids stored %d times, want 0", got)
	}
	// The filters are rebuilt on open: dedup survives a restart.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	if res := write(t, s, storetest.Decode(t, fixture)); res.Written != 0 || res.Duplicates != 20 {
		t.Fatalf("after reopen: %+v", res)
	}
	if got := total(t, s, "*"); got != 22 {
		t.Errorf("stored %d events, want 22", got)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Events != 22 || st.Partitions != 2 || st.Bytes <= 0 {
		t.Errorf("stats %+v, want 22 events in 2 partitions", st)
	}
}

// TestWriteDeduplicatesManyIDs checks the path where filters and the
// confirming query handle many ids at once, across filter growth.
func TestWriteDeduplicatesManyIDs(t *testing.T) {
	s := openTest(t)
	const n = 3 * minFilterCap / 2 // forces a second filter
	batch := make([]event.Event, n)
	for i := range batch {
		batch[i] = event.Event{
			"@timestamp": fmt.Sprintf("2026-11-%02dT%02d:00:00Z", 20+i%3, i%24),
			"event":      map[string]any{"id": fmt.Sprintf("id-%d", i)},
			"message":    "bulk",
		}
	}
	if res := write(t, s, batch); res.Written != n {
		t.Fatalf("first write: %+v", res)
	}
	half := batch[n/2:]
	if res := write(t, s, half); res.Written != 0 || res.Duplicates != len(half) {
		t.Fatalf("second write: written %d, duplicates %d", res.Written, res.Duplicates)
	}
}

func TestWriteRejectsValuesThatDoNotFit(t *testing.T) {
	s := openTest(t, Column{Field: "size", Type: TypeDouble}, Column{Field: "ok", Type: TypeBoolean},
		Column{Field: "seen", Type: TypeDate})
	batch := storetest.Decode(t, `{"@timestamp":"2026-11-22T01:00:00Z","event":{"id":"a"},"message":"good","http":{"response":{"status_code":"404"}}}
{"@timestamp":"2026-11-22T01:00:01Z","event":{"id":"b"},"message":"bad","http":{"response":{"status_code":"abc"}}}
{"@timestamp":"2026-11-22T01:00:02Z","event":{"id":"c"},"message":"bad","http":{"response":{"status_code":5.5}}}
{"@timestamp":"2026-11-22T01:00:03Z","event":{"id":"d"},"message":"bad","source":{"ip":"not-an-ip"}}
{"@timestamp":"2026-11-22T01:00:04Z","event":{"id":"e"},"message":"bad","service":{"name":{"nested":true}}}
{"@timestamp":"2026-11-22T01:00:05Z","event":{"id":"f"},"message":["a","b"]}
{"@timestamp":"2026-11-22T01:00:06Z","event":{"id":"g"},"message":"bad","size":"big"}
{"@timestamp":"2026-11-22T01:00:07Z","event":{"id":"h"},"message":"bad","ok":"yes"}
{"@timestamp":"2026-11-22T01:00:08Z","event":{"id":"i"},"message":"bad","seen":"yesterday"}
{"@timestamp":"2026-11-22T01:00:09Z","event":{"id":"j"},"message":"good","size":"2.5","ok":true,"seen":"2026-11-01","source":{"ip":"::1"}}`)
	res := write(t, s, batch)
	want := []store.Rejection{
		{Index: 1, Reason: `field "http.response.status_code": want long, got string "abc"`},
		{Index: 2, Reason: `field "http.response.status_code": want long, got number 5.5`},
		{Index: 3, Reason: `field "source.ip": want ip, got string "not-an-ip"`},
		{Index: 4, Reason: `field "service.name": want keyword, got object`},
		{Index: 5, Reason: `field "message": want text, got array`},
		{Index: 6, Reason: `field "size": want double, got string "big"`},
		{Index: 7, Reason: `field "ok": want boolean, got string "yes"`},
		{Index: 8, Reason: `field "seen": want date, got string "yesterday"`},
	}
	if res.Written != 2 || fmt.Sprint(res.Rejected) != fmt.Sprint(want) {
		t.Fatalf("result %+v\nwant rejections %+v", res, want)
	}
	if got := searchIDs(t, s, "good"); strings.Join(got, " ") != "a j" {
		t.Errorf("stored %v, want a j", got)
	}
	f := func(q string, want int64) {
		t.Helper()
		if got := total(t, s, q); got != want {
			t.Errorf("%s: %d matches, want %d", q, got, want)
		}
	}
	f(`http.response.status_code:404`, 1) // the string "404" was coerced
	f(`size:2.5`, 1)
	f(`ok:true`, 1)
	f(`seen:[2026-11-01 TO 2026-11-01]`, 1)
	f(`source.ip:"0:0:0:0:0:0:0:1"`, 1) // compared in canonical form
}

// TestWriteIsAtomic makes the second partition of a batch fail and checks
// that the rows appended to the first one in the same transaction are
// gone: DuckDB appenders join their connection's transaction.
func TestWriteIsAtomic(t *testing.T) {
	s := openTest(t)
	write(t, s, storetest.Decode(t, `{"@timestamp":"2026-11-22T00:00:00Z","event":{"id":"old"},"message":"zero"}`))
	// A foreign table where the last partition of the batch would go: its
	// appender fails after the rows of the earlier days were appended
	// (partitions are appended in day order).
	if _, err := s.db.Exec(`CREATE TABLE events_20261124 (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	batch := storetest.Decode(t, `{"@timestamp":"2026-11-22T01:00:00Z","event":{"id":"a"},"message":"one"}
{"@timestamp":"2026-11-22T02:00:00Z","event":{"id":"b"},"message":"two"}
{"@timestamp":"2026-11-23T01:00:00Z","event":{"id":"c"},"message":"three"}
{"@timestamp":"2026-11-24T01:00:00Z","event":{"id":"d"},"message":"four"}`)
	if _, err := s.Write(context.Background(), batch); err == nil {
		t.Fatal("write into a broken partition succeeded")
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM events_20261122`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("failed batch left %d rows behind in events_20261122, want the 1 written before", n)
	}
	if _, err := s.db.Exec(`SELECT * FROM events_20261123`); err == nil {
		t.Error("failed batch left partition events_20261123 behind")
	}
	if st, _ := s.Stats(context.Background()); st.Events != 1 || st.Partitions != 1 {
		t.Errorf("stats after failed batch: %+v", st)
	}
	// Nothing was remembered either: the batch goes through once fixed.
	if _, err := s.db.Exec(`DROP TABLE events_20261124`); err != nil {
		t.Fatal(err)
	}
	if res := write(t, s, batch); res.Written != 4 || res.Duplicates != 0 {
		t.Fatalf("retry: %+v", res)
	}
	if got := total(t, s, "*"); got != 5 {
		t.Errorf("stored %d events, want 5", got)
	}
}

// TestOpenAddsColumns configures a new column for a store with data and
// checks that old events are found through it.
func TestOpenAddsColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logstack.duckdb")
	s := openAt(t, path)
	write(t, s, storetest.Decode(t, fixture))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, Column{Field: "user.name", Type: TypeKeyword}, Column{Field: "retry.count", Type: TypeLong})
	var typ string
	if err := s.db.QueryRow(`SELECT data_type FROM duckdb_columns() WHERE table_name = 'events_20261122' AND column_name = 'retry.count'`).Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "BIGINT" {
		t.Errorf("retry.count column type %s", typ)
	}
	if got := searchIDs(t, s, "user.name:alice"); strings.Join(got, " ") != "e01" {
		t.Errorf("user.name:alice: %v", got)
	}
	if got := searchIDs(t, s, "retry.count:>=3"); strings.Join(got, " ") != "e18" {
		t.Errorf("retry.count:>=3: %v", got)
	}
	// New events fill the new columns directly.
	write(t, s, storetest.Decode(t, `{"@timestamp":"2026-11-22T12:00:00Z","event":{"id":"n1"},"user":{"name":"carol"},"retry":{"count":9}}`))
	if got := searchIDs(t, s, "retry.count:9 AND user.name:carol"); strings.Join(got, " ") != "n1" {
		t.Errorf("new event: %v", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// A changed column type is refused at start-up.
	_, err := Open(context.Background(), Options{Path: path, Columns: []Column{{Field: "retry.count", Type: TypeKeyword}}}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), `column "retry.count"`) {
		t.Errorf("open with a changed type: %v", err)
	}
}

func TestClosedStore(t *testing.T) {
	s := openTest(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second close: %v", err)
	}
	ctx := context.Background()
	if _, err := s.Write(ctx, storetest.Decode(t, fixture)); !errorsIsPermanent(err) {
		t.Errorf("write after close: %v", err)
	}
	if _, err := s.Search(ctx, store.SearchRequest{}); !errorsIsPermanent(err) {
		t.Errorf("search after close: %v", err)
	}
}

// TestWriteDocsKeepsCallerDocument: the indexer's JSON lines are stored
// and returned verbatim, not encoded again.
func TestWriteDocsKeepsCallerDocument(t *testing.T) {
	s := openTest(t)
	evs := storetest.Decode(t, `{"event":{"id":"d1"},"message":"kept as sent"}`)
	doc := []byte(`{"message":"kept as sent","event":{"id":"d1"},"@timestamp":"` + evs[0]["@timestamp"].(string) + `"}`)
	res, err := s.WriteDocs(context.Background(), evs, [][]byte{doc})
	if err != nil || res.Written != 1 {
		t.Fatalf("WriteDocs: %+v %v", res, err)
	}
	got, err := s.Search(context.Background(), store.SearchRequest{Query: storetest.Parse(t, "kept"), Limit: 10})
	if err != nil || len(got.Hits) != 1 || string(got.Hits[0]) != string(doc) {
		t.Fatalf("hit %s, want the caller's document %s (%v)", got.Hits, doc, err)
	}
	if _, err := s.WriteDocs(context.Background(), evs, [][]byte{}); !errors.Is(err, store.ErrBadRequest) {
		t.Fatalf("mismatched docs: err = %v, want ErrBadRequest", err)
	}
}
