package dlqclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/api"
)

// pagedServer answers replay requests with the given pages in turn and
// records the requests it got.
func pagedServer(t *testing.T, pages ...api.ReplayResponse) (*Client, *[]api.ReplayRequest) {
	t.Helper()
	var got []api.ReplayRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "ApiKey k" || r.URL.Path != "/api/v1/dlq/replay" {
			http.Error(w, `{"error":"unexpected request"}`, http.StatusTeapot)
			return
		}
		var req api.ReplayRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		got = append(got, req)
		if len(got) > len(pages) {
			http.Error(w, `{"error":"no more pages"}`, http.StatusTeapot)
			return
		}
		_ = json.NewEncoder(w).Encode(pages[len(got)-1])
	}))
	t.Cleanup(srv.Close)
	return New(srv.URL+"/", "k"), &got
}

func TestReplayAllFollowsPages(t *testing.T) {
	c, got := pagedServer(t,
		api.ReplayResponse{Replayed: 2, Seqs: []uint64{1, 2}, Next: 2, Through: 9},
		api.ReplayResponse{Replayed: 1, Failed: 1, Seqs: []uint64{4}, Errors: []api.ReplayErrorJSON{{Seq: 5, Error: "too large"}}, Through: 9},
	)
	sum, err := c.ReplayAll(context.Background(), api.ReplayRequest{Reason: "x", Limit: 2})
	if err != nil || sum.Replayed != 3 || sum.Failed != 1 || !slices.Equal(sum.Seqs, []uint64{1, 2, 4}) || len(sum.Errors) != 1 {
		t.Fatalf("ReplayAll = %+v, %v", sum, err)
	}
	want := []api.ReplayRequest{
		{All: true, Reason: "x", Limit: 2},
		{All: true, Reason: "x", Limit: 2, After: 2, Through: 9},
	}
	if len(*got) != 2 || !slices.EqualFunc(*got, want, func(a, b api.ReplayRequest) bool {
		return a.All == b.All && a.Reason == b.Reason && a.After == b.After && a.Through == b.Through && a.Limit == b.Limit
	}) {
		t.Fatalf("requests %+v, want %+v", *got, want)
	}
}

func TestReplayAllStopsWhenServerStops(t *testing.T) {
	c, got := pagedServer(t,
		api.ReplayResponse{Replayed: 1, Seqs: []uint64{1}, Stopped: "queue full", Next: 1, Through: 9},
		api.ReplayResponse{Replayed: 1, Seqs: []uint64{2}, Through: 9},
	)
	sum, err := c.ReplayAll(context.Background(), api.ReplayRequest{})
	if err == nil || !strings.Contains(err.Error(), "queue full") || sum.Replayed != 1 || len(*got) != 1 {
		t.Fatalf("ReplayAll = %+v, %v after %d requests; want it to stop after the first", sum, err, len(*got))
	}
}

func TestErrorsCarryTheServerMessage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			http.Error(w, `{"error":"queue: dead letter 7: dead letter not found"}`, http.StatusNotFound)
			return
		}
		http.Error(w, `{"error":"invalid API key"}`, http.StatusUnauthorized)
	}))
	defer srv.Close()
	c := New(srv.URL, "")
	if err := c.Delete(context.Background(), 7); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete of a missing letter = %v, want ErrNotFound", err)
	}
	if _, err := c.List(context.Background(), ListOptions{}); err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "invalid API key") {
		t.Errorf("List without a key = %v", err)
	}
}

func TestListFollowsPagesUpToLimit(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q.Get("limit")+" "+q.Get("after")+" "+q.Get("through")+" "+q.Get("reason"))
		var page api.DeadLetterList
		n := map[string]int{"1000": 1000, "500": 500}[q.Get("limit")]
		for i := range n {
			page.DeadLetters = append(page.DeadLetters, api.DeadLetterJSON{Seq: uint64(len(queries)*1000 + i)})
		}
		page.Next, page.Through, page.Total = uint64(len(queries)*1000+n), 3000, 2900
		_ = json.NewEncoder(w).Encode(page)
	}))
	defer srv.Close()
	l, err := New(srv.URL, "").List(context.Background(), ListOptions{Limit: 1500, After: 7, Reason: "r"})
	if err != nil || len(l.DeadLetters) != 1500 || l.Next != 2500 || l.Total != 2900 {
		t.Fatalf("List = %d letters, next %d, total %d, %v", len(l.DeadLetters), l.Next, l.Total, err)
	}
	if want := []string{"1000 7 0 r", "500 2000 3000 r"}; !slices.Equal(queries, want) {
		t.Fatalf("queries %q, want %q", queries, want)
	}
}
