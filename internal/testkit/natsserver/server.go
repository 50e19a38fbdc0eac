package natsserver

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"
)

// EnvBinary names the variable that points tests at a nats-server binary.
const EnvBinary = "LOGSTACK_NATS_SERVER"

// debianPath is where Debian's nats-server package installs the server.
const debianPath = "/usr/sbin/nats-server"

// MaxPayload is the server's max_payload: logstack's default
// queue.max_message_bytes (8 MiB) plus room for headers; nats-server's
// own default of 1 MiB is too small for it.
const MaxPayload = 16 << 20

// startTimeout bounds how long the server may take to listen.
const startTimeout = 30 * time.Second

// Binary returns the path of the nats-server binary, or "" when none is
// installed.
func Binary() string {
	if p := os.Getenv(EnvBinary); p != "" {
		return p
	}
	if p, err := exec.LookPath("nats-server"); err == nil {
		return p
	}
	if _, err := os.Stat(debianPath); err == nil {
		return debianPath
	}
	return ""
}

// requireBinary returns the binary or ends the test: fatal under CI (an
// integration test must never be skipped silently there), skipped elsewhere.
func requireBinary(t testing.TB) string {
	t.Helper()
	if bin := Binary(); bin != "" {
		return bin
	}
	msg := "nats-server not found: set " + EnvBinary + ", put nats-server on PATH or install Debian's nats-server (.ci/run does)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Server is a running nats-server with JetStream on a loopback port.
type Server struct {
	// URL is the client URL, nats://127.0.0.1:PORT.
	URL string

	cmd    *exec.Cmd
	exited chan struct{}
	mu     sync.Mutex
	logs   bytes.Buffer
}

// Start runs nats-server with JetStream, a temporary store directory and
// a random loopback port, and kills it in t.Cleanup.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := requireBinary(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "nats.conf")
	body := fmt.Sprintf("host: 127.0.0.1\nport: -1\nmax_payload: %d\nmax_pending: %d\njetstream {\n  store_dir: %q\n}\n",
		MaxPayload, 4*MaxPayload, filepath.Join(dir, "js"))
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &Server{exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "-c", conf)
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	s.cmd.Stdout = s.cmd.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start nats-server: %v", err)
	}
	urls := make(chan string, 1)
	go s.readLog(stderr, urls)
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(s.Kill)
	select {
	case s.URL = <-urls:
	case <-s.exited:
		t.Fatalf("nats-server exited during start-up\n%s", s.Logs())
	case <-time.After(startTimeout):
		t.Fatalf("nats-server did not listen within %s\n%s", startTimeout, s.Logs())
	}
	return s
}

// listening matches the server's start-up line that names its client port.
var listening = regexp.MustCompile(`Listening for client connections on (\S+:\d+)`)

func (s *Server) readLog(r io.Reader, urls chan<- string) {
	sc := bufio.NewScanner(r)
	sent := false
	for sc.Scan() {
		s.mu.Lock()
		s.logs.Write(sc.Bytes())
		s.logs.WriteByte('\n')
		s.mu.Unlock()
		if m := listening.FindSubmatch(sc.Bytes()); m != nil && !sent {
			urls <- "nats://" + string(m[1])
			sent = true
		}
	}
}

// Logs returns what the server logged so far, for failure messages.
func (s *Server) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// Kill stops the server with SIGKILL and waits for it; safe to call twice.
func (s *Server) Kill() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
	}
	<-s.exited
}
