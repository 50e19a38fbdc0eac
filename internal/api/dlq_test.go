package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/queue"
)

// dlqServer serves the dead-letter API over a real embedded queue holding
// one dead letter per reason (payload "{\"n\":<i>}", sequence i).
func dlqServer(t *testing.T, reasons ...string) (*httptest.Server, *queue.Queue) {
	t.Helper()
	return dlqServerWith(t, queue.DefaultConfig(), reasons...)
}

// dlqServerWith is dlqServer over a queue configured as cfg.
func dlqServerWith(t *testing.T, cfg queue.Config, reasons ...string) (*httptest.Server, *queue.Queue) {
	t.Helper()
	cfg.Dir, cfg.MinFreeDisk = t.TempDir(), 0
	q, err := queue.Open(context.Background(), cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = q.Close() })
	for i, r := range reasons {
		if err := q.DeadLetter(context.Background(), fmt.Appendf(nil, `{"n":%d}`, i+1), r, fmt.Sprint(i+1)); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	NewDeadLetters(q, slog.New(slog.DiscardHandler)).Register(mux, auth.New([]string{"k"}).Middleware)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, q
}

// call sends an authenticated request and decodes the JSON answer into out.
func call(t *testing.T, method, url, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "ApiKey k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %d %s: %v", method, url, resp.StatusCode, b, err)
		}
	}
	return resp.StatusCode
}

func listSeqs(l DeadLetterList) []uint64 {
	var out []uint64
	for _, d := range l.DeadLetters {
		out = append(out, d.Seq)
	}
	return out
}

func TestDeadLetterList(t *testing.T) {
	srv, _ := dlqServer(t, "mapping conflict", "undecodable", "Mapping conflict again")
	var all DeadLetterList
	if code := call(t, "GET", srv.URL+"/api/v1/dlq", "", &all); code != 200 {
		t.Fatalf("list: %d", code)
	}
	if !slices.Equal(listSeqs(all), []uint64{1, 2, 3}) || all.Total != 3 || all.Next != 0 || all.Through != 3 {
		t.Fatalf("list = %+v", all)
	}
	d := all.DeadLetters[0]
	if d.Reason != "mapping conflict" || d.Events != 1 || d.Size != 7 || d.Preview != `{"n":1}` || d.Time.IsZero() || d.Data != "" {
		t.Fatalf("letter 1 = %+v", d)
	}
	var page DeadLetterList
	call(t, "GET", srv.URL+"/api/v1/dlq?reason=mapping&limit=1&after=1", "", &page)
	if !slices.Equal(listSeqs(page), []uint64{3}) || page.Next != 0 {
		t.Fatalf("filtered page = %+v", page)
	}
	call(t, "GET", srv.URL+"/api/v1/dlq?limit=1", "", &page)
	if !slices.Equal(listSeqs(page), []uint64{1}) || page.Next != 1 {
		t.Fatalf("first page = %+v", page)
	}
	var one DeadLetterJSON
	if code := call(t, "GET", srv.URL+"/api/v1/dlq/2", "", &one); code != 200 || one.Data != `{"n":2}` || one.Reason != "undecodable" {
		t.Fatalf("get 2: %d %+v", code, one)
	}
	var e map[string]any
	for _, u := range []string{"/api/v1/dlq?limit=x", "/api/v1/dlq?after=-1", "/api/v1/dlq/abc", "/api/v1/dlq/0"} {
		if code := call(t, "GET", srv.URL+u, "", &e); code != 400 {
			t.Errorf("GET %s = %d %v, want 400", u, code, e)
		}
	}
	if code := call(t, "GET", srv.URL+"/api/v1/dlq/9", "", &e); code != 404 {
		t.Errorf("GET a missing letter = %d, want 404", code)
	}
}

func TestDeadLetterAuth(t *testing.T) {
	srv, _ := dlqServer(t, "x")
	for _, r := range []struct{ method, path string }{
		{"GET", "/api/v1/dlq"}, {"GET", "/api/v1/dlq/1"}, {"DELETE", "/api/v1/dlq/1"}, {"POST", "/api/v1/dlq/replay?all=true"},
	} {
		req, _ := http.NewRequest(r.method, srv.URL+r.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s %s without a key = %d, want 401", r.method, r.path, resp.StatusCode)
		}
	}
}

func TestDeadLetterDelete(t *testing.T) {
	srv, q := dlqServer(t, "a", "b")
	var e map[string]any
	if code := call(t, "DELETE", srv.URL+"/api/v1/dlq/1", "", &e); code != 200 {
		t.Fatalf("delete: %d %v", code, e)
	}
	if code := call(t, "DELETE", srv.URL+"/api/v1/dlq/1", "", &e); code != 404 {
		t.Fatalf("second delete: %d %v, want 404", code, e)
	}
	left, err := q.DeadLetters(context.Background(), 10)
	if err != nil || len(left) != 1 || left[0].Seq != 2 {
		t.Fatalf("left %+v, %v", left, err)
	}
}

func TestDeadLetterReplay(t *testing.T) {
	srv, q := dlqServer(t, "mapping conflict", "other", "mapping conflict", "other")
	f := func(method, path, body string, wantCode int, want ReplayResponse) {
		t.Helper()
		var got ReplayResponse
		code := call(t, method, srv.URL+path, body, &got)
		got.Errors = nil
		if code != wantCode || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s %s %s = %d %+v, want %d %+v", method, path, body, code, got, wantCode, want)
		}
	}
	f("POST", "/api/v1/dlq/replay", `{"all":true,"reason":"mapping","dry_run":true}`, 200,
		ReplayResponse{Replayed: 2, Seqs: []uint64{1, 3}, DryRun: true, Through: 4})
	f("POST", "/api/v1/dlq/replay?seq=2,9", "", 200, ReplayResponse{Replayed: 1, Failed: 1, Seqs: []uint64{2}})
	f("POST", "/api/v1/dlq/replay", `{"all":true,"reason":"mapping","limit":1}`, 200,
		ReplayResponse{Replayed: 1, Seqs: []uint64{1}, Next: 1, Through: 4})
	f("POST", "/api/v1/dlq/replay?all=true&reason=mapping&after=1&through=4", "", 200,
		ReplayResponse{Replayed: 1, Seqs: []uint64{3}, Through: 4})
	left, err := q.DeadLetters(context.Background(), 10)
	if err != nil || len(left) != 1 || left[0].Seq != 4 {
		t.Fatalf("left %+v, %v", left, err)
	}
	st, err := q.Stats(context.Background())
	if err != nil || st.Messages != 3 {
		t.Fatalf("queued after replay: %+v, %v; want 3", st, err)
	}
	var e map[string]any
	for _, body := range []string{``, `{"seqs":[1],"all":true}`, `{"seqs":[1],"reason":"x"}`, `{"bogus":1}`, `{"all":true,"limit":5000}`, `not json`} {
		if code := call(t, "POST", srv.URL+"/api/v1/dlq/replay", body, &e); code != 400 {
			t.Errorf("replay %q = %d %v, want 400", body, code, e)
		}
	}
	many := bytes.Repeat([]byte("1,"), maxReplaySeqs+1)
	if code := call(t, "POST", srv.URL+"/api/v1/dlq/replay", `{"seqs":[`+string(many[:len(many)-1])+`]}`, &e); code != 400 {
		t.Errorf("replay of too many seqs = %d, want 400", code)
	}
}

func TestPreview(t *testing.T) {
	long := strings.Repeat("a", previewBytes-1) + "é" + "rest"
	if got := preview([]byte(long)); got != strings.Repeat("a", previewBytes-1)+"…" {
		t.Errorf("preview cut inside a character: %q", got)
	}
	if got := preview([]byte("short\xff")); got != "short\uFFFD" {
		t.Errorf("preview of invalid UTF-8 = %q", got)
	}
	if n := countLines([]byte("a\n\n b \n")); n != 2 {
		t.Errorf("countLines = %d, want 2", n)
	}
}

// TestDeadLetterReplayIntoFullQueue: a replay the queue cannot take now is
// a 503 with Retry-After, and the letters stay.
func TestDeadLetterReplayIntoFullQueue(t *testing.T) {
	cfg := queue.DefaultConfig()
	cfg.MaxMsgSize, cfg.MaxBytes = 4<<10, 64<<10
	srv, q := dlqServerWith(t, cfg, "a", "b")
	for _, size := range []int{4 << 10, 1} {
		for q.Publish(context.Background(), make([]byte, size), "") == nil {
		}
	}
	for _, body := range []string{`{"all":true}`, `{"seqs":[1,2]}`} {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/dlq/replay", strings.NewReader(body))
		req.Header.Set("Authorization", "ApiKey k")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(b), "queue full") {
			t.Errorf("replay %s into a full queue = %d %s", body, resp.StatusCode, b)
		}
	}
	if left, err := q.DeadLetters(context.Background(), 10); err != nil || len(left) != 2 {
		t.Fatalf("left %+v, %v", left, err)
	}
}
