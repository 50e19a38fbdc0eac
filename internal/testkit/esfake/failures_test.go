package esfake

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestFailRequests(t *testing.T) {
	for _, tc := range []struct {
		status   int
		wantType string
	}{
		{429, "es_rejected_execution_exception"},
		{503, "cluster_block_exception"},
		{500, "exception"},
		{401, "security_exception"},
	} {
		s := Start(t)
		s.FailRequests(2, tc.status)
		for i := range 2 {
			status, out := call(t, s, "POST", "/_bulk", `{"create":{"_index":"a","_id":"1"}}`+"\n{}\n")
			if status != tc.status || str(out["status"]) != itoa(tc.status) || str(dig(out, "error", "type")) != tc.wantType ||
				str(dig(out, "error", "root_cause", "0", "type")) != tc.wantType || dig(out, "error", "reason") == nil {
				t.Errorf("%d: request %d: %d %v", tc.status, i, status, out)
			}
		}
		if len(s.IDCounts()) != 0 {
			t.Errorf("%d: a failed request stored documents", tc.status)
		}
		mustCall(t, s, 200, "POST", "/_bulk", `{"create":{"_index":"a","_id":"1"}}`+"\n{}\n")
		if got := s.BulkRequests(); got != 3 {
			t.Errorf("%d: BulkRequests %d, want 3", tc.status, got)
		}
		if got := s.Requests("/_bulk"); got != 3 {
			t.Errorf("%d: Requests(/_bulk) %d, want 3", tc.status, got)
		}
	}
}

func TestSetDown(t *testing.T) {
	s := Start(t)
	s.SetDown(true)
	for _, p := range []string{"/", "/_bulk", "/x/_search"} {
		if status, _, _ := callRaw(t, s, "GET", p, ""); status != 503 {
			t.Errorf("down: GET %s answered %d", p, status)
		}
	}
	s.SetDown(false)
	mustCall(t, s, 200, "GET", "/", "")
	if got := s.Requests("/"); got != 2 {
		t.Errorf("Requests(/) %d, want 2", got)
	}
	if got := s.Requests("/*/_search"); got != 1 {
		t.Errorf("Requests(/*/_search) %d, want 1", got)
	}
}

func TestFailItems(t *testing.T) {
	s := Start(t)
	var mu sync.Mutex
	seen := map[string][]int{}
	s.FailItems(func(id string, attempt int) (int, string, string) {
		mu.Lock()
		seen[id] = append(seen[id], attempt)
		mu.Unlock()
		switch {
		case id == "b" && attempt == 1:
			return 429, "es_rejected_execution_exception", "rejected execution of bulk item"
		case id == "c":
			return 400, "mapper_parsing_exception", "failed to parse field [x]"
		}
		return 0, "", ""
	})
	body := func(ids ...string) string {
		var b strings.Builder
		for _, id := range ids {
			fmt.Fprintf(&b, `{"create":{"_index":"i","_id":%q}}`+"\n{}\n", id)
		}
		return b.String()
	}
	out := mustCall(t, s, 200, "POST", "/_bulk", body("a", "b", "c"))
	for i, want := range []string{"201", "429", "400"} {
		if got := str(dig(out, "items", itoa(i), "create", "status")); got != want {
			t.Errorf("first pass item %d: %v", i, dig(out, "items", itoa(i)))
		}
	}
	if got := str(dig(out, "items", "1", "create", "error", "type")); got != "es_rejected_execution_exception" {
		t.Errorf("injected type %s", got)
	}
	if got := str(dig(out, "items", "1", "create", "error", "reason")); got != "rejected execution of bulk item" {
		t.Errorf("injected reason %s", got)
	}
	out = mustCall(t, s, 200, "POST", "/_bulk", body("b", "a"))
	if got := str(dig(out, "items", "0", "create", "status")); got != "201" {
		t.Errorf("retried b: %v", dig(out, "items", "0"))
	}
	if got := str(dig(out, "items", "1", "create", "status")); got != "409" {
		t.Errorf("duplicate a: %v", dig(out, "items", "1"))
	}
	if got := fmt.Sprint(seen); got != "map[a:[1 2] b:[1 2] c:[1]]" {
		t.Errorf("attempts %s", got)
	}
	if got := fmt.Sprint(s.IDCounts()); got != "map[a:1 b:1]" {
		t.Errorf("IDCounts %s", got)
	}
	s.FailItems(nil)
	mustCall(t, s, 200, "POST", "/_bulk", body("c"))
	if s.IDCounts()["c"] != 1 {
		t.Errorf("FailItems(nil) did not clear the hook")
	}
}

func TestConcurrentWritersAndReaders(t *testing.T) {
	s := Start(t)
	s.FailItems(func(id string, attempt int) (int, string, string) {
		if attempt == 1 && strings.HasSuffix(id, "7") {
			return 503, "unavailable_shards_exception", "primary shard is not active"
		}
		return 0, "", ""
	})
	const writers, perWriter = 6, 40
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				id := fmt.Sprintf("w%d-%d", w, i)
				line := fmt.Sprintf(`{"create":{"_index":"logs-%d","_id":%q}}`+"\n"+`{"n":%d,"@timestamp":"2024-01-01T00:00:00Z"}`+"\n", i%3, id, i)
				for attempt := 0; attempt < 3; attempt++ {
					status, out, err := post(s, "/_bulk", line)
					if err != nil {
						t.Error(err)
						return
					}
					if status == 200 && str(dig(out, "items", "0", "create", "status")) != "503" {
						break
					}
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range perWriter / 4 {
				if status, out, err := post(s, "/logs-*/_search", `{"aggs":{"t":{"terms":{"field":"n"}}}}`); err != nil || status != 200 {
					t.Errorf("concurrent search: %d %v %v", status, out, err)
				}
				s.Indices()
				s.IDCounts()
			}
		}()
	}
	wg.Wait()
	ids := s.IDCounts()
	if len(ids) != writers*perWriter {
		t.Fatalf("%d ids, want %d", len(ids), writers*perWriter)
	}
	for id, n := range ids {
		if n != 1 {
			t.Fatalf("id %s stored %d times", id, n)
		}
	}
	if got := strings.Join(s.Indices(), ","); got != "logs-0,logs-1,logs-2" {
		t.Fatalf("indices %s", got)
	}
}
