package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/app"
	"github.com/logstack/logstack/internal/config"
)

// startRejectingStack runs a logstack in process whose store promotes
// "size" to a long column (so {"size":"big"} is refused) and whose API
// wants the key in $LOGSTACK_API_KEY; it returns the server URL.
func startRejectingStack(t *testing.T) string {
	t.Helper()
	keyFile := filepath.Join(t.TempDir(), "keys")
	os.WriteFile(keyFile, []byte("cli-key\n"), 0o600)
	t.Setenv("LOGSTACK_API_KEY", "cli-key")
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Inputs.TCP.Enabled = false
	cfg.Queue.MinFreeDisk = 0
	cfg.Store.Columns = []config.Column{{Field: "size", Type: "long"}}
	cfg.API.Auth.APIKeyFiles = []string{keyFile}
	a := app.New(cfg, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Shutdown(context.Background()) })
	return "http://" + a.HTTPAddr()
}

// dlqJSON lists the dead letters through the CLI's --json output.
func dlqJSON(t *testing.T, server string) api.DeadLetterList {
	t.Helper()
	code, out, errOut := runCmd("dlq", "ls", "--server", server, "--json")
	var l api.DeadLetterList
	if code != 0 || json.Unmarshal([]byte(out), &l) != nil {
		t.Fatalf("dlq ls --json: %d %q %s", code, out, errOut)
	}
	return l
}

// waitLetters waits until the server lists n dead letters.
func waitLetters(t *testing.T, server string, n int) api.DeadLetterList {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second) // a bound on waiting for the indexer, not a speed check
	for {
		l := dlqJSON(t, server)
		if len(l.DeadLetters) == n {
			return l
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d dead letters, want %d", len(l.DeadLetters), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestDLQCommands(t *testing.T) {
	server := startRejectingStack(t)
	resp, err := http.Post(server+"/ingest", "application/x-ndjson",
		strings.NewReader(`{"message":"odd","size":"big","event":{"id":"odd-1"}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	first := waitLetters(t, server, 1).DeadLetters[0]

	f := func(wantCode int, wantOut string, args ...string) string {
		t.Helper()
		code, out, errOut := runCmd(append([]string{"dlq"}, args...)...)
		if code != wantCode || !strings.Contains(out+errOut, wantOut) {
			t.Fatalf("dlq %v = %d\nstdout %s\nstderr %s\nwant %d and %q", args, code, out, errOut, wantCode, wantOut)
		}
		return out
	}
	out := f(0, `field "size": want long`, "ls", "--server", server)
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "SEQ") || !strings.HasPrefix(lines[1], "1 ") {
		t.Fatalf("dlq ls table:\n%s", out)
	}
	f(0, "0 listed", "ls", "--server", server, "--reason", "no such reason")
	f(0, `"odd-1"`, "show", "--server", server, "--seq", "1")
	f(0, "would replay 1, failed 0", "replay", "--server", server, "--all", "--reason", "WANT LONG", "--dry-run")
	if l := dlqJSON(t, server); len(l.DeadLetters) != 1 || l.DeadLetters[0].Seq != first.Seq {
		t.Fatalf("a dry run changed the dead letters: %+v", l)
	}
	f(0, "replayed 1, failed 0", "replay", "--server", server, "--seq", "1")
	again := waitLetters(t, server, 1).DeadLetters[0]
	if again.Seq == first.Seq || again.Reason != first.Reason {
		t.Fatalf("replayed letter came back as %+v, want a new one like %+v", again, first)
	}
	f(1, "not found", "replay", "--server", server, "--seq", "1")
	f(0, "deleted 2", "rm", "--server", server, "--seq", "2")
	f(1, "seq 2: not found", "rm", "--server", server, "--seq", "2")
	f(0, "0 listed, 0 dead letters in all", "ls", "--server", server)

	f(2, "give --seq N", "replay", "--server", server)
	f(2, "give --seq N", "replay", "--server", server, "--all", "--seq", "3")
	f(2, "--reason goes with --all", "replay", "--server", server, "--seq", "3", "--reason", "x")
	f(2, "want a dead-letter sequence", "rm", "--seq", "x")
	f(2, "unknown subcommand", "frob")
	t.Setenv("LOGSTACK_API_KEY", "wrong")
	f(1, "invalid API key", "ls", "--server", server)
}
