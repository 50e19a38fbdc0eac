package elasticsearch

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store"
)

// TestDeleteOlderThan checks that only indices made by the pattern whose
// hour ended by the cutoff are deleted, and what is reported.
func TestDeleteOlderThan(t *testing.T) {
	rc := &recorder{}
	rc.on("GET /_cat/indices/", func(r request) (int, string) {
		if !strings.Contains(r.query, "format=json") || !strings.Contains(r.query, "bytes=b") {
			t.Errorf("_cat query %q", r.query)
		}
		return 200, `[{"index":"logstack-2026.11.20.23","docs.count":"5","store.size":"100"},
			{"index":"logstack-2026.11.21.00","docs.count":"7","store.size":"200"},
			{"index":"logstack-2026.11.21.01","docs.count":"1","store.size":"50"},
			{"index":"logstack-foreign","docs.count":"9","store.size":"9"},
			{"index":"logstack-2026.11.21","docs.count":"9","store.size":"9"}]`
	})
	rc.on("DELETE /", func(r request) (int, string) { return 200, `{"acknowledged":true}` })
	s := openAt(t, startRecorder(t, rc), nil)
	d, err := s.DeleteOlderThan(t.Context(), time.Date(2026, 11, 21, 1, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if d != (store.Deleted{Partitions: 2, Events: 12}) {
		t.Errorf("deleted %+v", d)
	}
	var paths []string
	for _, r := range rc.requests("DELETE /") {
		paths = append(paths, r.path)
	}
	if !slices.Equal(paths, []string{"/logstack-2026.11.20.23", "/logstack-2026.11.21.00"}) {
		t.Errorf("deleted %v", paths)
	}
	st, err := s.Stats(t.Context())
	if err != nil || st != (store.Stats{Events: 13, Bytes: 350, Partitions: 3}) {
		t.Errorf("stats %+v, %v", st, err)
	}
}

// TestDeleteOlderThanDataStream checks that backing indices go when their
// newest event is older than the cutoff, never the write index.
func TestDeleteOlderThanDataStream(t *testing.T) {
	rc := &recorder{}
	rc.on("GET /_data_stream/logs", func(r request) (int, string) {
		return 200, `{"data_streams":[{"name":"logs","indices":[{"index_name":".ds-logs-2026.11.20-000001"},{"index_name":".ds-logs-2026.11.21-000002"},{"index_name":".ds-logs-2026.11.22-000003"}]}]}`
	})
	rc.on("GET /_cat/indices/.ds-logs-*", func(r request) (int, string) {
		return 200, `[{"index":".ds-logs-2026.11.20-000001","docs.count":"3","store.size":"1"},{"index":".ds-logs-2026.11.21-000002","docs.count":"4","store.size":"1"},{"index":".ds-logs-2026.11.22-000003","docs.count":"0","store.size":"1"}]`
	})
	newest := map[string]string{
		"/.ds-logs-2026.11.20-000001/_search": "2026-11-20T23:59:59Z",
		"/.ds-logs-2026.11.21-000002/_search": "2026-11-21T12:00:00Z",
	}
	rc.on("POST /.ds-logs-", func(r request) (int, string) {
		var body map[string]any
		_ = json.Unmarshal(r.body, &body)
		if body["size"] != float64(1) {
			t.Errorf("newest-event search %s", r.body)
		}
		ts, ok := newest[r.path]
		if !ok {
			return 200, `{"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}`
		}
		return 200, `{"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_source":{"@timestamp":"` + ts + `"}}]}}`
	})
	rc.on("DELETE /", func(r request) (int, string) { return 200, `{"acknowledged":true}` })
	s := openAt(t, startRecorder(t, rc), func(o *Options) { o.DataStream = "logs" })
	d, err := s.DeleteOlderThan(t.Context(), time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range rc.requests("DELETE /") {
		paths = append(paths, r.path)
	}
	if d != (store.Deleted{Partitions: 2, Events: 7}) || !slices.Equal(paths, []string{"/.ds-logs-2026.11.20-000001", "/.ds-logs-2026.11.21-000002"}) {
		t.Errorf("deleted %+v %v", d, paths)
	}
	rc2 := len(rc.requests("DELETE /"))
	if _, err := s.DeleteOlderThan(t.Context(), time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if got := len(rc.requests("DELETE /")) - rc2; got != 1 {
		t.Errorf("cutoff 2026-11-21 deleted %d indices, want 1", got)
	}
}
