package elasticsearch

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/testkit/esfake"
)

// TestFakeMixedFailures injects per-item failures into the protocol fake:
// 429 and 503 items are retried until stored, a mapping error and an
// injected 400 are rejected with their reasons, and every accepted event
// is stored exactly once.
func TestFakeMixedFailures(t *testing.T) {
	fake := esfake.Start(t)
	var mu sync.Mutex
	seen := map[string][]int{}
	fake.FailItems(func(id string, attempt int) (int, string, string) {
		mu.Lock()
		defer mu.Unlock()
		seen[id] = append(seen[id], attempt)
		switch {
		case id == "busy" && attempt == 1:
			return 429, "es_rejected_execution_exception", "rejected execution"
		case id == "flaky" && attempt <= 2:
			return 503, "unavailable_shards_exception", "primary shard is not active"
		case id == "refused":
			return 400, "illegal_argument_exception", "refused for the test"
		}
		return 0, "", ""
	})
	s := openAt(t, fake.URL, nil)
	evs := events("ok", "busy", "flaky", "badip", "refused", "ok2")
	evs[3]["source"] = map[string]any{"ip": "not-an-ip"}
	res, err := s.Write(t.Context(), evs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 4 || res.Duplicates != 0 || len(res.Rejected) != 2 ||
		res.Rejected[0].Index != 3 || !strings.HasPrefix(res.Rejected[0].Reason, "400 ") || !strings.Contains(res.Rejected[0].Reason, "source.ip") ||
		res.Rejected[1].Index != 4 || res.Rejected[1].Reason != "400 illegal_argument_exception: refused for the test" {
		t.Fatalf("result %+v", res)
	}
	if fmt.Sprint(seen) != "map[badip:[1] busy:[1 2] flaky:[1 2 3] ok:[1] ok2:[1] refused:[1]]" {
		t.Errorf("attempts per item %v", seen)
	}
	if fake.BulkRequests() != 3 {
		t.Errorf("%d bulk requests, want 3 (first, then two rounds of retries)", fake.BulkRequests())
	}
	// The batch written again: all duplicates, nothing stored twice.
	fake.FailItems(nil)
	res, err = s.Write(t.Context(), evs)
	if err != nil || res.Written != 1 || res.Duplicates != 4 {
		t.Fatalf("rewrite: %+v, %v (refused now passes, badip still rejected)", res, err)
	}
	for id, n := range fake.IDCounts() {
		if n != 1 {
			t.Errorf("%s stored %d times", id, n)
		}
	}
}

// TestFakeDownAndBack checks that a cluster answering 503 to everything
// makes Write return a retryable error, and that the indexer's retry of
// the same batch after a partial write stores each event once.
func TestFakeDownAndBack(t *testing.T) {
	fake := esfake.Start(t)
	s := openAt(t, fake.URL, func(o *Options) { o.MaxRetries = 2; o.BulkMaxEvents = 2 })
	fake.SetDown(true)
	if err := s.Ping(t.Context()); err == nil {
		t.Error("ping while down: no error")
	}
	_, err := s.Write(t.Context(), events("a", "b", "c"))
	if err == nil || errors.Is(err, store.ErrPermanent) {
		t.Fatalf("write while down: %v, want a retryable error", err)
	}
	fake.SetDown(false)
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("ping: %v", err)
	}
	// Only the first chunk gets through before the cluster fails again.
	fake.FailItems(func(id string, attempt int) (int, string, string) {
		if id == "c" {
			return 503, "cluster_block_exception", "blocked"
		}
		return 0, "", ""
	})
	if _, err := s.Write(t.Context(), events("a", "b", "c")); err == nil {
		t.Fatal("write with c failing: no error")
	}
	fake.FailItems(nil)
	res, err := s.Write(t.Context(), events("a", "b", "c"))
	if err != nil || res.Written != 1 || res.Duplicates != 2 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	if c := fake.IDCounts(); c["a"] != 1 || c["b"] != 1 || c["c"] != 1 {
		t.Errorf("id counts %v", c)
	}
}

// TestFakeDataStream writes, searches and ages out a data stream on the
// fake (Elasticsearch 8 and OpenSearch 2).
func TestFakeDataStream(t *testing.T) {
	for _, v := range [][2]string{{"elasticsearch", "8.15.0"}, {"opensearch", "2.11.0"}} {
		t.Run(v[0], func(t *testing.T) {
			fake := esfake.Start(t, esfake.WithVersion(v[0], v[1]))
			s := openAt(t, fake.URL, func(o *Options) { o.DataStream = "logs-logstack" })
			res, err := s.Write(t.Context(), events("a", "b", "c"))
			if err != nil || res.Written != 3 {
				t.Fatalf("write: %+v, %v", res, err)
			}
			if err := s.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			got, err := s.Search(t.Context(), store.SearchRequest{Query: query.Term{Value: "hello"}, Limit: 10})
			if err != nil || got.Total != 3 {
				t.Fatalf("search: %+v, %v", got, err)
			}
			st, err := s.Stats(t.Context())
			if err != nil || st.Events != 3 || st.Partitions != 1 {
				t.Fatalf("stats %+v, %v", st, err)
			}
			// The only backing index is the write index: never deleted.
			d, err := s.DeleteOlderThan(t.Context(), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil || d != (store.Deleted{}) {
				t.Fatalf("retention: %+v, %v", d, err)
			}
			for _, idx := range fake.Indices() {
				if !strings.HasPrefix(idx, ".ds-logs-logstack-") {
					t.Errorf("index %s outside the data stream", idx)
				}
			}
		})
	}
}

// TestFakeTemplateVersions checks on the fake that every supported
// version accepts the template and applies its mappings: a value that
// does not fit a typed field is rejected there.
func TestFakeTemplateVersions(t *testing.T) {
	for _, v := range [][2]string{{"elasticsearch", "8.15.0"}, {"elasticsearch", "7.10.2"}, {"elasticsearch", "7.5.0"}, {"opensearch", "2.11.0"}, {"opensearch", "1.3.0"}} {
		fake := esfake.Start(t, esfake.WithVersion(v[0], v[1]))
		s := openAt(t, fake.URL, nil)
		evs := events("good", "bad")
		evs[1]["http"] = map[string]any{"response": map[string]any{"status_code": "abc"}}
		res, err := s.Write(t.Context(), evs)
		if err != nil || res.Written != 1 || len(res.Rejected) != 1 || !strings.Contains(res.Rejected[0].Reason, "http.response.status_code") {
			t.Errorf("%v: %+v, %v", v, res, err)
		}
		wantLegacy := v[1] == "7.5.0"
		if got := fake.Requests("/_template/logstack") > 0; got != wantLegacy {
			t.Errorf("%v: legacy template used: %v", v, got)
		}
		// Reopening finds the template current and leaves it alone.
		puts := fake.Requests("/_*template/logstack")
		openAt(t, fake.URL, nil)
		if got := fake.Requests("/_*template/logstack") - puts; got != 1 {
			t.Errorf("%v: reopening made %d template requests, want 1 (the read)", v, got)
		}
	}
}

// TestFakeSearchOrder checks sort by @timestamp then event.id, both ways,
// and that hits are the documents as sent.
func TestFakeSearchOrder(t *testing.T) {
	fake := esfake.Start(t)
	s := openAt(t, fake.URL, nil)
	evs := events("b", "a", "c")
	evs[1]["@timestamp"] = evs[0]["@timestamp"] // a and b tie on time
	docs := make([][]byte, len(evs))
	for i, e := range evs {
		docs[i], _ = event.AppendJSON(nil, e)
	}
	if _, err := s.WriteDocs(t.Context(), evs, docs); err != nil {
		t.Fatal(err)
	}
	f := func(asc bool, want ...string) {
		t.Helper()
		res, err := s.Search(t.Context(), store.SearchRequest{Limit: 10, SortAscending: asc})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			for i, d := range docs {
				if string(d) == string(h) {
					ids = append(ids, evs[i].ID())
				}
			}
		}
		if !slices.Equal(ids, want) {
			t.Errorf("asc=%v: %v, want %v", asc, ids, want)
		}
	}
	f(false, "c", "b", "a")
	f(true, "a", "b", "c")
}
