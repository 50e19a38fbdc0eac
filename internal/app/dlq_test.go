package app

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/config"
)

// dlqKey is the API key of the dead-letter tests' apps.
const dlqKey = "dlq-test-key"

// withDeadLetterStore keeps the store at storeDir (so that a restarted app
// can use another store over the same queue), promotes the given columns
// and requires dlqKey on the API.
func withDeadLetterStore(t *testing.T, storeDir string, cols ...config.Column) func(*config.Config) {
	keyFile := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(keyFile, []byte(dlqKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return func(c *config.Config) {
		c.Store.DuckDB.Path = storeDir
		c.Store.Columns = cols
		c.API.Auth.APIKeyFiles = []string{keyFile}
	}
}

// apiCall sends an authenticated API request and decodes the answer.
func apiCall(t *testing.T, a *App, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+a.HTTPAddr()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "ApiKey "+dlqKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode
}

// waitDeadLetters polls the dead-letter list until it holds want letters.
func waitDeadLetters(t *testing.T, a *App, want int) []api.DeadLetterJSON {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second) // a bound on waiting for the indexer, not a speed check
	for {
		var l api.DeadLetterList
		if code := apiCall(t, a, "GET", "/api/v1/dlq", "", &l); code != 200 {
			t.Fatalf("list dead letters: %d", code)
		}
		if len(l.DeadLetters) == want {
			return l.DeadLetters
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d dead letters, want %d: %+v", len(l.DeadLetters), want, l.DeadLetters)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// searchTotal counts the events matching q, authenticated.
func searchTotal(t *testing.T, a *App, q string) int64 {
	t.Helper()
	var res struct{ Total int64 }
	apiCall(t, a, "GET", "/api/v1/search?"+url.Values{"q": {q}, "from": {"2026-01-01"}}.Encode(), "", &res)
	return res.Total
}

// TestDeadLetterReplayThroughTheServer: an event that does not fit a
// promoted column is dead-lettered with the reason, listed by the API,
// comes back with the same reason when replayed unchanged, and is stored
// exactly once when replayed (twice) into a store where it fits.
func TestDeadLetterReplayThroughTheServer(t *testing.T) {
	dir := t.TempDir()
	strict := withDeadLetterStore(t, filepath.Join(dir, "strict-store"), config.Column{Field: "size", Type: "long"})
	a := startApp(t, dir, strict)
	bad := `{"@timestamp":"2026-12-01T10:00:00Z","message":"odd size","size":"big","event":{"id":"odd-1"}}`
	if code, body := post(t, a, "/ingest", bad+"\n"+`{"@timestamp":"2026-12-01T10:00:01Z","message":"fine","size":3}`); code != 200 {
		t.Fatalf("ingest: %d %s", code, body)
	}
	first := waitDeadLetters(t, a, 1)[0]
	if !strings.Contains(first.Reason, `field "size": want long`) || first.Events != 1 || !strings.Contains(first.Preview, `"odd-1"`) {
		t.Fatalf("dead letter = %+v", first)
	}
	if n := searchTotal(t, a, "fine"); n != 1 {
		t.Fatalf("the good event of the batch: %d hits, want 1", n)
	}

	var rep api.ReplayResponse
	if code := apiCall(t, a, "POST", "/api/v1/dlq/replay", `{"seqs":[`+strconv.FormatUint(first.Seq, 10)+`]}`, &rep); code != 200 || rep.Replayed != 1 {
		t.Fatalf("replay: %d %+v", code, rep)
	}
	again := waitDeadLetters(t, a, 1)[0]
	if again.Seq == first.Seq || again.Reason != first.Reason {
		t.Fatalf("after a replay into the same store: %+v, want a new letter with the reason of %+v", again, first)
	}
	if err := a.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}

	b := startApp(t, dir, withDeadLetterStore(t, filepath.Join(dir, "lenient-store")))
	for range 2 { // the second replay finds nothing left to replay
		if code := apiCall(t, b, "POST", "/api/v1/dlq/replay", `{"all":true,"reason":"want long"}`, &rep); code != 200 || rep.Failed != 0 {
			t.Fatalf("replay all: %d %+v", code, rep)
		}
	}
	waitDeadLetters(t, b, 0)
	deadline := time.Now().Add(30 * time.Second)
	for searchTotal(t, b, "event.id:odd-1") != 1 {
		if time.Now().After(deadline) {
			t.Fatal("replayed event not stored")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := searchTotal(t, b, "*"); n != 1 {
		t.Fatalf("lenient store holds %d events, want exactly the replayed one", n)
	}
	resp, err := http.Get("http://" + b.HTTPAddr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	metrics, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(metrics), "logstack_queue_dead_letters_replayed_total 1\n") {
		t.Fatal("/metrics does not count the replay")
	}
}
