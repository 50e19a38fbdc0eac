package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/lint"
	"github.com/logstack/logstack/internal/store"
)

// refAlarm is the reference team's first alarm: maximum over a count of
// events, which is always 1 and can never cross 100.
const refAlarm = `name: broker-errors
metric:
  query: 'aws.elb.name:broker AND NOT _exists_:aws.elb.backend.ip'
  statistic: maximum
period: 1m
evaluation_periods: 5
comparison: GreaterThanThreshold
threshold: 100
treat_missing_data: notBreaching
alarm_actions: [team-chat]
ok_actions: [team-chat]
`

func TestLintCommand(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(bad, []byte(refAlarm), 0o644)
	os.WriteFile(good, []byte(strings.Replace(refAlarm, "maximum", "sum", 1)), 0o644)

	code, out, errOut := runCmd("lint", good)
	if code != 0 || out != "" {
		t.Fatalf("good: %d %q %q", code, out, errOut)
	}
	code, out, _ = runCmd("lint", dir)
	want := bad + ":4: error: maximum of a query without field is always 1"
	if code != 1 || !strings.HasPrefix(out, want) || !strings.Contains(out, "(fix: statistic: sum") {
		t.Fatalf("dir: %d %q, want prefix %q", code, out, want)
	}
	code, out, _ = runCmd("lint", "--json", bad)
	var fs []lint.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil || code != 1 || len(fs) != 1 || fs[0].Check != "count-statistic" || fs[0].Line != 4 {
		t.Fatalf("json: %d %v %q", code, err, out)
	}
	if code, _, _ := runCmd("lint"); code != 2 {
		t.Fatalf("usage: %d", code)
	}
	if code, _, errOut := runCmd("lint", "--data-dir", dir, bad); code != 2 || !strings.Contains(errOut, "data dir") {
		t.Fatalf("missing store: %d %q", code, errOut)
	}
}

// emptyStore answers every aggregation with no events, as a fresh
// logstack does.
type emptyStore struct{}

func (emptyStore) Search(context.Context, store.SearchRequest) (store.SearchResult, error) {
	return store.SearchResult{}, nil
}

func (emptyStore) Aggregate(context.Context, store.AggregateRequest) (store.AggregateResult, error) {
	return store.AggregateResult{}, nil
}

func TestLintServerRunsHistoryChecks(t *testing.T) {
	mux := http.NewServeMux()
	api.New(emptyStore{}, slog.New(slog.NewTextHandler(io.Discard, nil))).Register(mux, nil)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte(strings.Replace(refAlarm, "maximum", "sum", 1)), 0o644)

	code, out, errOut := runCmd("lint", "--server", srv.URL, good)
	if code != 0 || !strings.Contains(out, good+":8: warning: no period in the last 24h crossed") {
		t.Fatalf("server: %d %q %q", code, out, errOut)
	}
	srv.Close()
	if code, _, errOut := runCmd("lint", "--server", srv.URL, good); code != 2 || !strings.Contains(errOut, "aggregate") {
		t.Fatalf("server down: %d %q", code, errOut)
	}
}
