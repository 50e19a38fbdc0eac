package duckdb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// genEvents returns n events from start, step apart, with every seventh
// one "rare" and every tenth sharing its predecessor's timestamp.
func genEvents(start time.Time, step time.Duration, n int) ([]event.Event, []genEvent) {
	evs := make([]event.Event, n)
	meta := make([]genEvent, n)
	ts := start
	for i := range evs {
		if i%10 != 0 {
			ts = ts.Add(step)
		}
		kind := "common"
		if i%7 == 0 {
			kind = "rare"
		}
		id := fmt.Sprintf("g%05d", i)
		evs[i] = event.Event{
			"@timestamp": event.FormatTimestamp(ts),
			"event":      map[string]any{"id": id},
			"message":    kind + " event",
		}
		meta[i] = genEvent{id: id, ts: ts, rare: kind == "rare"}
	}
	return evs, meta
}

type genEvent struct {
	id   string
	ts   time.Time
	rare bool
}

// expect computes a search result by brute force.
func expect(meta []genEvent, rareOnly bool, from, to time.Time, limit int, asc bool) (int64, []string) {
	var m []genEvent
	for _, g := range meta {
		if (!rareOnly || g.rare) && (from.IsZero() || !g.ts.Before(from)) && (to.IsZero() || g.ts.Before(to)) {
			m = append(m, g)
		}
	}
	slices.SortFunc(m, func(a, b genEvent) int {
		if c := a.ts.Compare(b.ts); c != 0 {
			return c
		}
		if a.id < b.id {
			return -1
		}
		return 1
	})
	if !asc {
		slices.Reverse(m)
	}
	ids := []string{}
	for _, g := range m[:min(limit, len(m))] {
		ids = append(ids, g.id)
	}
	return int64(len(m)), ids
}

// TestSearchOrderAndLimit compares sorted, limited searches over three
// partitions with a brute-force answer, for dense and sparse matches and
// limits that end inside a minute, a partition or beyond the matches.
func TestSearchOrderAndLimit(t *testing.T) {
	s := openTest(t)
	start := time.Date(2026, 11, 20, 22, 0, 0, 0, time.UTC)
	evs, meta := genEvents(start, 37*time.Second, 6000) // about 2.5 days
	// Write in shuffled batches: rows of a day arrive out of order.
	for i := 0; i < len(evs); i += 1000 {
		b := slices.Clone(evs[i:min(i+1000, len(evs))])
		slices.Reverse(b)
		write(t, s, b)
	}
	from := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 22, 6, 30, 0, 0, time.UTC)
	for _, q := range []string{"*", "rare"} {
		for _, limit := range []int{1, 7, 100, 900, 5000, 10000} {
			for _, asc := range []bool{false, true} {
				for _, rng := range [][2]time.Time{{}, {from, to}} {
					name := fmt.Sprintf("%s/limit=%d/asc=%v/range=%v", q, limit, asc, !rng[0].IsZero())
					res, err := s.Search(context.Background(), store.SearchRequest{
						Query: storetest.Parse(t, q), From: rng[0], To: rng[1], Limit: limit, SortAscending: asc,
					})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					wantTotal, wantIDs := expect(meta, q == "rare", rng[0], rng[1], limit, asc)
					if got := storetest.HitIDs(t, res); res.Total != wantTotal || !slices.Equal(got, wantIDs) {
						t.Errorf("%s: total %d (want %d), %d hits (want %d)\n got %v\nwant %v",
							name, res.Total, wantTotal, len(got), len(wantIDs), head(got), head(wantIDs))
					}
				}
			}
		}
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 5)] }

func TestSearchEdges(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	// An empty store.
	res, err := s.Search(ctx, store.SearchRequest{Limit: 10})
	if err != nil || res.Total != 0 || res.Hits == nil || len(res.Hits) != 0 {
		t.Fatalf("empty store: %+v, %v", res, err)
	}
	write(t, s, storetest.Decode(t, fixture))
	// A window that covers every event answers at once.
	res, err = s.Search(ctx, store.SearchRequest{Query: storetest.Parse(t, "log.level:info"), Limit: 5, SortAscending: true,
		From: time.Date(2026, 11, 22, 11, 5, 0, 0, time.UTC), To: time.Date(2026, 11, 22, 11, 45, 0, 0, time.UTC)})
	if got := storetest.HitIDs(t, res); err != nil || res.Total != 4 || strings.Join(got, " ") != "e14 e15 e16 e17" {
		t.Errorf("narrow range: %v (total %d), %v", got, res.Total, err)
	}
	// Limit 0 counts only.
	res, err = s.Search(ctx, store.SearchRequest{Query: storetest.Parse(t, "connection")})
	if err != nil || res.Total != 3 || len(res.Hits) != 0 {
		t.Errorf("limit 0: %+v, %v", res, err)
	}
	// Hits are the stored documents, byte for byte.
	res, err = s.Search(ctx, store.SearchRequest{Query: storetest.Parse(t, "event.id:e20"), Limit: 1})
	want := `{"@timestamp":"2026-11-22T11:59:00Z","event":{"id":"e20"},"flag":true,"log":{"level":"info"},"message":"user_id=42 action=delete","service":{"name":"admin"},"user":{"roles":["admin","dev"]}}`
	if err != nil || len(res.Hits) != 1 || string(res.Hits[0]) != want {
		t.Errorf("hit document:\n got %s\nwant %s (%v)", res.Hits, want, err)
	}
	// A time range outside every partition.
	res, err = s.Search(ctx, store.SearchRequest{From: testNow.AddDate(1, 0, 0), Limit: 10})
	if err != nil || res.Total != 0 {
		t.Errorf("future range: %+v, %v", res, err)
	}
	// Bad requests are permanent.
	for _, req := range []store.SearchRequest{
		{Limit: -1},
		{Query: query.Range{Field: "@timestamp", Lower: "yesterday", HasLower: true}},
		{Query: query.Range{Field: "http.response.status_code", Lower: "abc", HasLower: true}},
		{Query: query.Term{Field: "bad..field", Value: "x"}},
		{Query: query.Term{Field: "@timestamp", Value: "2026*", Kind: query.Wildcard}},
	} {
		if _, err := s.Search(ctx, req); !errorsIsPermanent(err) {
			t.Errorf("%+v: %v, want a permanent error", req, err)
		}
	}
}

// TestWordHelpers checks that the write-side signature and the query-side
// words agree, including case folding beyond ASCII.
func TestWordHelpers(t *testing.T) {
	for _, msg := range []string{"Connection refused by upstream", "Straße ſtop KELVIN", "café_au lait", "a--b  c"} {
		if got, want := messageSignature(msg), wordsSignature(queryWords(msg, false)); got != want {
			t.Errorf("%q: signature %x, words give %x", msg, got, want)
		}
		if messageSignature(strings.ToUpper(msg)) != messageSignature(msg) ||
			messageSignature(strings.ToLower(msg)) != messageSignature(msg) {
			t.Errorf("%q: signature depends on case", msg)
		}
	}
	f := func(value string, wildcard bool, want ...string) {
		t.Helper()
		var got []string
		for _, w := range queryWords(value, wildcard) {
			got = append(got, string(w))
		}
		if !slices.Equal(got, want) {
			t.Errorf("queryWords(%q, %v) = %q, want %q", value, wildcard, got, want)
		}
	}
	f("Disk full!", false, "DISK", "FULL")
	f(`conn*ion a?c`, true, "CONN*ION", "A?C")
	f(`lit\*eral`, true, "LIT", "ERAL")
	f(`a\\b`, true, "A", "B")
	f("ſ", false, "S")
}

// TestSignatureHighBits: words whose signature sets the top bit of a lane
// (about half of all phrases) must still be searchable; such a bit pattern
// once failed as a database/sql argument.
func TestSignatureHighBits(t *testing.T) {
	var word string
	for i := 0; word == ""; i++ {
		w := fmt.Sprintf("w%d", i)
		sig := wordsSignature(queryWords(w, false))
		if sig[0]>>63 == 1 || sig[1]>>63 == 1 {
			word = w
		}
	}
	s := openTest(t)
	write(t, s, storetest.Decode(t, `{"event":{"id":"a"},"message":"the `+word+` here"}
{"event":{"id":"b"},"message":"hello from the quick start"}`))
	for q, want := range map[string]string{word: "a", `"quick start"`: "b"} {
		if got := searchIDs(t, s, q); len(got) != 1 || got[0] != want {
			t.Errorf("search %q = %v, want [%s]", q, got, want)
		}
	}
}
