package duckdb

import (
	"context"
	"slices"
	"testing"
)

// TestObjectArraysInCallerDocuments checks fields inside arrays of objects
// in documents stored as the caller sent them, with blanks around the
// colons, which the text tests before the walk must allow for.
func TestObjectArraysInCallerDocuments(t *testing.T) {
	s := openTest(t)
	evs := events(t, `{"@timestamp":"2026-11-22T01:00:00Z","event":{"id":"a"},"requests":[{"id":2}]}
{"@timestamp":"2026-11-22T01:00:01Z","event":{"id":"b"},"requests":{"id":3},"other":[{"id":2}]}`)
	docs := [][]byte{
		[]byte(`{"@timestamp":"2026-11-22T01:00:00Z", "event" : {"id":"a"}, "requests" :
			[ {"id" : 2} ]}`),
		[]byte(`{"@timestamp":"2026-11-22T01:00:01Z","event":{"id":"b"},"requests":{"id":3},"other":[{"id":2}]}`),
	}
	if res, err := s.WriteDocs(context.Background(), evs, docs); err != nil || res.Written != 2 {
		t.Fatalf("write: %+v %v", res, err)
	}
	for q, want := range map[string][]string{
		"requests.id:2":        {"a"},
		"requests.id:3":        {"b"},
		"_exists_:requests.id": {"a", "b"},
		"other.id:2":           {"b"},
	} {
		if got := searchIDs(t, s, q); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", q, got, want)
		}
	}
}
