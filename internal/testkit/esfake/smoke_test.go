package esfake

import (
	"strings"
	"testing"
)

func TestSmokeBulkSearch(t *testing.T) {
	s := Start(t)
	out := bulk(t, s,
		`{"create":{"_index":"logs-1","_id":"a"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","message":"Hello World","status":200}`,
		`{"create":{"_index":"logs-1","_id":"b"}}`, `{"@timestamp":"2024-01-01T00:01:00Z","message":"bye world","status":404}`,
		`{"create":{"_index":"logs-1","_id":"a"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","message":"dup","status":200}`,
		`{"create":{"_index":"logs-1","_id":"c"}}`, `{"@timestamp":"2024-01-01T00:00:00Z","message":"bad","status":"abc"}`,
	)
	if str(out["errors"]) != "true" || str(dig(out, "items", "2", "create", "status")) != "409" || str(dig(out, "items", "3", "create", "status")) != "400" {
		t.Fatalf("bulk: %v", out)
	}
	resp := mustCall(t, s, 200, "POST", "/logs-*/_search", `{"query":{"match":{"message":"world"}},"sort":[{"@timestamp":{"order":"desc"}}],"track_total_hits":true,
		"aggs":{"st":{"terms":{"field":"status"}},"h":{"date_histogram":{"field":"@timestamp","fixed_interval":"60s","min_doc_count":1}}}}`)
	if got := strings.Join(hitIDs(resp), ","); got != "b,a" {
		t.Fatalf("hits %s: %v", got, resp)
	}
	t.Logf("%v", resp)
}
