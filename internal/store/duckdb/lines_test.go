package duckdb

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
)

// lineColumns promote one field of every type, some nested under others.
var lineColumns = []Column{
	{Field: "log.level", Type: TypeKeyword},
	{Field: "http.response.status_code", Type: TypeLong},
	{Field: "took", Type: TypeDouble},
	{Field: "ok", Type: TypeBoolean},
	{Field: "client.ip", Type: TypeIP},
	{Field: "seen", Type: TypeDate},
	{Field: "http.request", Type: TypeText},
}

// convertAgrees checks the line path against the reference: the event
// decoded by Parse and converted from its map.
func convertAgrees(t *testing.T, s *Store, line []byte) {
	t.Helper()
	got, gotReason := s.convertLine(line)
	e, err := event.Parse(line, event.Limits{MaxDepth: queueLineDepth})
	if err != nil {
		if gotReason == "" {
			t.Fatalf("%q: Parse refused (%v), convertLine took it", line, err)
		}
		return
	}
	want, wantReason := s.convertEvent(e)
	if gotReason != wantReason || !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nline  %+v %q\nevent %+v %q", line, got, gotReason, want, wantReason)
	}
}

func lineStore() *Store { return &Store{sch: newSchema(lineColumns)} }

// TestConvertLineMatchesEvent: on generated normalized events, with values
// of every kind at every promoted path, picking columns from the line gives
// the same row or rejection as converting the decoded event.
func TestConvertLineMatchesEvent(t *testing.T) {
	s := lineStore()
	rng := rand.New(rand.NewPCG(3, 4))
	values := []any{
		nil, true, false, "", "warn", "10.0.0.1", " ::1 ", "2026-12-04", "2026-12-04T10:00:00.5+01:00",
		json.Number("200"), json.Number("-7"), json.Number("1.5"), json.Number("1e3"), json.Number("99999999999999999999"),
		"404", "tab\t\"q\" é", map[string]any{"x": json.Number("1")}, []any{"a"},
	}
	paths := []string{"message", "event.id", "@timestamp", "x.y"}
	for _, c := range lineColumns {
		paths = append(paths, c.Field)
	}
	picked := 0
	for i := range 20000 {
		e := event.Event{}
		for range rng.IntN(8) {
			e.Set(paths[rng.IntN(len(paths))], values[rng.IntN(len(values))])
		}
		if rng.IntN(4) == 0 {
			e["log.level"] = "flat" // a dotted key Normalize expands
		}
		event.Normalize(e, time.Unix(1764842400, int64(i)))
		line, err := event.AppendJSON(nil, e)
		if err != nil {
			t.Fatal(err)
		}
		convertAgrees(t, s, line)
		if s.sch.picker.Pick(line, make([]any, len(s.sch.pickPaths))) {
			picked++
		}
	}
	if picked < 5000 {
		t.Fatalf("the picker took only %d of 20000 lines: the fast path is not tested", picked)
	}
}

func TestConvertLineCases(t *testing.T) {
	s := lineStore()
	for i, line := range []string{
		`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"a"},"message":"m","log":{"level":"info"}}`,
		`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"a"},"log.level":"lit","log":{"level":"nested"}}`,
		`{"@timestamp":null,"event":{"id":"a"}}`,
		`{"event":{"id":"a"}}`,
		`{"@timestamp":1764842400000,"event":{"id":7}}`,
		`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"a"},"http":{"response":{"status_code":"abc"}}}`,
		`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"a"},"event":{"id":"b"}}`,
		`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"a"},"message":"\u00e9\ud800"}`,
		`{not json`,
		`[1]`,
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) { convertAgrees(t, s, []byte(line)) })
	}
}

func FuzzConvertLine(f *testing.F) {
	f.Add([]byte(`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"a"},"message":"m","log":{"level":"info"},"http":{"response":{"status_code":200}}}`))
	f.Add([]byte(`{"@timestamp":"2026-12-04T10:00:00Z","event":{"id":"a"},"client":{"ip":"::1"},"ok":"true","took":"1.5","seen":1}`))
	f.Add([]byte(`{"@timestamp":"x","event":{"id":"a"},"log.level":1}`))
	s := lineStore()
	f.Fuzz(func(t *testing.T, line []byte) { convertAgrees(t, s, line) })
}
