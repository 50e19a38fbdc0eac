package blackbox

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binary is the logstack binary built once for the package.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "logstack-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "logstack")
	build := exec.Command("go", "build", "-o", binary, "github.com/logstack/logstack/cmd/logstack")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build logstack:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is one logstack process.
type server struct {
	t       *testing.T
	cmd     *exec.Cmd
	HTTP    string // base URL
	TCP     string // host:port
	logMu   sync.Mutex
	log     bytes.Buffer
	exited  chan struct{}
	exitErr error
}

// writeConfig writes a config that listens on ephemeral loopback ports and
// logs JSON, so the test can read the addresses from the start-up line.
// httpExtra adds keys to the http section, extra adds top-level sections.
func writeConfig(t *testing.T, dir, httpExtra, extra string) string {
	t.Helper()
	path := filepath.Join(dir, "logstack.yaml")
	cfg := fmt.Sprintf(`data_dir: %s
log: {level: info, format: json}
http: {addr: "127.0.0.1:0"%s}
inputs:
  tcp: {addr: "127.0.0.1:0"}
%s`, filepath.Join(dir, "data"), httpExtra, extra)
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// start runs logstack with the config and waits until it is ready.
func start(t *testing.T, configPath string, args ...string) *server {
	t.Helper()
	return startEnv(t, configPath, nil, args...)
}

// startEnv is start with extra environment variables (KEY=value), which is
// how secrets reach the config (${VAR}).
func startEnv(t *testing.T, configPath string, env []string, args ...string) *server {
	t.Helper()
	s := &server{t: t, exited: make(chan struct{})}
	s.cmd = exec.Command(binary, append([]string{"serve", "--config", configPath}, args...)...)
	s.cmd.Env = append(os.Environ(), env...)
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addrs := make(chan [2]string, 1)
	go s.readLog(stderr, addrs)
	go func() { s.exitErr = s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() { s.kill() })
	select {
	case a := <-addrs:
		s.HTTP, s.TCP = "http://"+a[0], a[1]
	case <-s.exited:
		t.Fatalf("logstack exited during start-up: %v\n%s", s.exitErr, s.logs())
	case <-time.After(60 * time.Second):
		t.Fatalf("logstack did not start within 60s\n%s", s.logs())
	}
	s.waitReady()
	return s
}

func (s *server) readLog(r io.Reader, addrs chan<- [2]string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		s.logMu.Lock()
		s.log.Write(line)
		s.log.WriteByte('\n')
		s.logMu.Unlock()
		var rec struct {
			Msg  string `json:"msg"`
			HTTP string `json:"http"`
			TCP  string `json:"tcp"`
		}
		if json.Unmarshal(line, &rec) == nil && rec.Msg == "logstack started" {
			addrs <- [2]string{rec.HTTP, rec.TCP}
		}
	}
}

func (s *server) logs() string {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return s.log.String()
}

func (s *server) waitReady() {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.HTTP + "/readyz")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			if time.Now().Add(time.Second).After(deadline) {
				s.t.Fatalf("never ready: %s", body)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("logstack not ready within 30s\n%s", s.logs())
}

// kill sends SIGKILL and waits for the process to go.
func (s *server) kill() {
	if s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// stop sends SIGTERM and returns the exit error once the process is gone.
func (s *server) stop(timeout time.Duration) error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		return s.exitErr
	case <-time.After(timeout):
		s.t.Fatalf("logstack did not exit within %s of SIGTERM\n%s", timeout, s.logs())
		return nil
	}
}

// get fetches a JSON API answer into v.
func (s *server) get(path string, params url.Values, v any) int {
	s.t.Helper()
	resp, err := http.Get(s.HTTP + path + "?" + params.Encode())
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, v); err != nil {
			s.t.Fatalf("%s: %v: %s", path, err, body)
		}
	}
	return resp.StatusCode
}

type aggResult struct {
	Total   int64 `json:"total"`
	Buckets []struct {
		Key   any   `json:"key"`
		Count int64 `json:"count"`
	} `json:"buckets"`
}

// countBy returns, for events matching q, how many carry each value of
// field.
func (s *server) countBy(q, field string) (int64, map[string]int64) {
	s.t.Helper()
	var res aggResult
	if code := s.get("/api/v1/aggregate", url.Values{"q": {q}, "field": {field}, "size": {"10000"}}, &res); code != http.StatusOK {
		s.t.Fatalf("aggregate %q by %s: status %d", q, field, code)
	}
	out := make(map[string]int64, len(res.Buckets))
	for _, b := range res.Buckets {
		out[fmt.Sprint(b.Key)] = b.Count
	}
	return res.Total, out
}

func postNDJSON(base string, lines []string) (int, error) {
	body := strings.Join(lines, "\n") + "\n"
	resp, err := http.Post(base+"/ingest", "application/x-ndjson", strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}
