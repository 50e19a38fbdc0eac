package storetest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// Decode turns NDJSON into events normalized at Now, as the indexer hands
// them to Write; it fails the test on a bad line. Backends' own tests use
// it, and the other helpers here, to read their fixtures as the suite does.
func Decode(t testing.TB, ndjson string) []event.Event {
	t.Helper()
	evs, err := event.DecodeBatch([]byte(ndjson))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for _, ev := range evs {
		event.Normalize(ev, Now)
	}
	return evs
}

// Parse parses a query string as a user types it, failing the test on a
// syntax error.
func Parse(t testing.TB, q string) query.Node {
	t.Helper()
	n, err := query.Parse(q)
	if err != nil {
		t.Fatalf("parse %q: %v", q, err)
	}
	return n
}

// HitIDs returns the event ids of a result's hits, in order, so that tests
// compare results by id whatever else a backend returns in a hit.
func HitIDs(t testing.TB, res store.SearchResult) []string {
	t.Helper()
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		var doc struct {
			Event struct {
				ID string `json:"id"`
			} `json:"event"`
		}
		if err := json.Unmarshal(h, &doc); err != nil {
			t.Fatalf("hit %s: %v", h, err)
		}
		out = append(out, doc.Event.ID)
	}
	return out
}

// IDList splits "e01 e02" into sorted ids (empty, not nil, for ""), the
// form expected results are written in.
func IDList(s string) []string {
	ids := strings.Fields(s)
	slices.Sort(ids)
	if ids == nil {
		ids = []string{}
	}
	return ids
}
