package esack

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestBulkAnswersEachItem checks the per-item reply the store relies on:
// one item per action, in order, with its index and id, 201 for a
// document object and 400 for a line that is not one.
func TestBulkAnswersEachItem(t *testing.T) {
	s := Start(t)
	body := `{"create":{"_index":"logstack-2026.12.04.10","_id":"a"}}` + "\n" + `{"message":"x"}` + "\n" +
		`{"index":{"_index":"logstack-2026.12.04.11","_id":"b"}}` + "\n" + `not json` + "\n"
	resp, err := http.Post(s.URL+"/_bulk", "application/x-ndjson", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var reply struct {
		Errors bool
		Items  []map[string]struct {
			Index  string `json:"_index"`
			ID     string `json:"_id"`
			Status int
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil {
		t.Fatal(err)
	}
	if !reply.Errors || len(reply.Items) != 2 {
		t.Fatalf("reply: %+v", reply)
	}
	a, b := reply.Items[0]["create"], reply.Items[1]["index"]
	if a.Index != "logstack-2026.12.04.10" || a.ID != "a" || a.Status != 201 {
		t.Errorf("first item: %+v", a)
	}
	if b.ID != "b" || b.Status != 400 {
		t.Errorf("second item: %+v", b)
	}
	if s.BulkRequests() != 1 || s.Items() != 2 {
		t.Errorf("counts: %d bulks, %d items", s.BulkRequests(), s.Items())
	}
}

// TestMalformedActionFailsRequest checks that an action line that is not
// JSON fails the whole request with 400, as a cluster does.
func TestMalformedActionFailsRequest(t *testing.T) {
	s := Start(t)
	resp, err := http.Post(s.URL+"/_bulk", "application/x-ndjson", strings.NewReader("oops\n{}\n"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d", resp.StatusCode)
	}
}
