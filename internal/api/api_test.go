package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// fakeStore records what the API asked for; the stores themselves are
// tested against real backends in their packages.
type fakeStore struct {
	search store.SearchRequest
	agg    store.AggregateRequest
}

func (f *fakeStore) Search(_ context.Context, req store.SearchRequest) (store.SearchResult, error) {
	f.search = req
	return store.SearchResult{Total: 1, Hits: []json.RawMessage{json.RawMessage(`{"message":"hi"}`)}}, nil
}

func (f *fakeStore) Aggregate(_ context.Context, req store.AggregateRequest) (store.AggregateResult, error) {
	f.agg = req
	if req.Interval > 0 {
		return store.AggregateResult{Total: 3, Buckets: []store.Bucket{{Key: time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC), Count: 3}}}, nil
	}
	return store.AggregateResult{Total: 3, Buckets: []store.Bucket{{Key: "checkout", Count: 3}}}, nil
}

func serve(t *testing.T, f *fakeStore, path string, params url.Values) (int, map[string]any) {
	t.Helper()
	mux := http.NewServeMux()
	a := New(f, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.now = func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	a.Register(mux, nil)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path+"?"+params.Encode(), nil))
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("%s: not JSON: %s", path, rec.Body)
	}
	return rec.Code, body
}

func TestSearchParams(t *testing.T) {
	f := &fakeStore{}
	code, body := serve(t, f, "/api/v1/search", url.Values{"q": {"level:error"}, "from": {"now-1h"}, "to": {"2026-11-22T11:30:00Z"}, "limit": {"5"}, "sort": {"asc"}})
	if code != 200 || body["total"] != 1.0 || len(body["hits"].([]any)) != 1 {
		t.Fatalf("%d %v", code, body)
	}
	want := store.SearchRequest{
		Query: query.Term{Field: "level", Value: "error"},
		From:  time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 22, 11, 30, 0, 0, time.UTC),
		Limit: 5, SortAscending: true,
	}
	got := f.search
	if !got.From.Equal(want.From) || !got.To.Equal(want.To) || got.Limit != 5 || !got.SortAscending || got.Query != want.Query {
		t.Fatalf("request = %+v, want %+v", got, want)
	}
}

func TestAggregate(t *testing.T) {
	f := &fakeStore{}
	code, body := serve(t, f, "/api/v1/aggregate", url.Values{"field": {"service.name"}, "size": {"3"}})
	if code != 200 || f.agg.Field != "service.name" || f.agg.Size != 3 {
		t.Fatalf("%d %v %+v", code, body, f.agg)
	}
	code, body = serve(t, f, "/api/v1/aggregate", url.Values{"interval": {"1m"}, "from": {"now-1h"}})
	if code != 200 || f.agg.Interval != time.Minute {
		t.Fatalf("%d %v", code, body)
	}
	if key := body["buckets"].([]any)[0].(map[string]any)["key"]; key != "2026-11-22T01:00:00Z" {
		t.Fatalf("histogram key = %v, want RFC 3339", key)
	}
}

func TestBadRequests(t *testing.T) {
	f := func(path string, params url.Values, wantInError string) {
		t.Helper()
		code, body := serve(t, &fakeStore{}, path, params)
		if code != http.StatusBadRequest || !strings.Contains(body["error"].(string), wantInError) {
			t.Fatalf("%s %v: %d %v, want 400 mentioning %q", path, params, code, body, wantInError)
		}
	}
	f("/api/v1/search", url.Values{"q": {"a AND (b"}}, "q:")
	f("/api/v1/search", url.Values{"from": {"yesterday"}}, "from")
	f("/api/v1/search", url.Values{"from": {"now"}, "to": {"now-1h"}}, "before from")
	f("/api/v1/search", url.Values{"limit": {"-1"}}, "limit")
	f("/api/v1/search", url.Values{"limit": {"100000"}}, "maximum")
	f("/api/v1/search", url.Values{"sort": {"message:asc"}}, "sort")
	f("/api/v1/aggregate", url.Values{}, "exactly one")
	f("/api/v1/aggregate", url.Values{"field": {"a"}, "interval": {"1m"}}, "exactly one")
	f("/api/v1/aggregate", url.Values{"interval": {"0s"}}, "interval")
	f("/api/v1/aggregate", url.Values{"interval": {"1s"}, "from": {"now-1d"}, "to": {"now"}}, "buckets")

	code, body := serve(t, &fakeStore{}, "/api/v1/search", url.Values{"q": {"a AND (b"}})
	if code != 400 || body["position"] == nil {
		t.Fatalf("syntax error without position: %v", body)
	}
}
