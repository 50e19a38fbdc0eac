package elasticsearch

import (
	"slices"
	"strings"
	"testing"
)

// TestWriteLines checks the indexer's line path: the same bulk body as
// WriteDocs with the lines as documents (index from @timestamp, _id from
// event.id, including lines the Picker defers on: a dotted key, a numeric
// id), duplicates within the batch skipped, and lines without a key or
// that do not decode rejected with the reason.
func TestWriteLines(t *testing.T) {
	rc := &recorder{}
	rc.on("POST /_bulk", func(r request) (int, string) { return 200, allCreated(len(bulkLines(t, r.body))) })
	s := openAt(t, startRecorder(t, rc), nil)
	lines := []string{
		`{"@timestamp":"2026-11-22T10:58:00Z","event":{"id":"a","original":"x \"y\""},"message":"m"}`,
		`{"@timestamp":"2026-11-22T12:59:00+02:00","event.id":"b"}`,
		`{"@timestamp":"2026-11-22T11:00:00Z","event":{"id":"a"}}`,
		`{"event":{"id":"c"}}`,
		`{"@timestamp":"2026-11-22T11:00:00Z","event":{"id":7}}`,
		`{"@timestamp":"2026-11-22T11:00:00Z","event":{"id":"d"}`,
		`{"@timestamp":"yesterday","event":{"id":"e"}}`,
	}
	raw := make([][]byte, len(lines))
	for i, l := range lines {
		raw[i] = []byte(l)
	}
	res, err := s.WriteLines(t.Context(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 2 || res.Duplicates != 1 || len(res.Rejected) != 4 {
		t.Fatalf("result %+v", res)
	}
	wantReasons := []string{"missing @timestamp", "missing event.id", "undecodable queue line", "invalid @timestamp yesterday"}
	for i, r := range res.Rejected {
		if r.Index != []int{3, 4, 5, 6}[i] || !strings.HasPrefix(r.Reason, wantReasons[i]) {
			t.Errorf("rejection %d: %+v, want %q", i, r, wantReasons[i])
		}
	}
	got := bulkLines(t, rc.requests("POST /_bulk")[0].body)
	want := [][2]string{
		{`{"create":{"_index":"logstack-2026.11.22.10","_id":"a"}}`, lines[0]},
		{`{"create":{"_index":"logstack-2026.11.22.10","_id":"b"}}`, lines[1]},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("bulk body\n%q\nwant\n%q", got, want)
	}
	if _, err := s.WriteLines(t.Context(), nil); err != nil {
		t.Fatalf("empty batch: %v", err)
	}
}
