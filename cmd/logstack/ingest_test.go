package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/logstack/logstack/internal/testkit/minio"
)

// receiver is a logstack-like /ingest endpoint that keeps events by
// event.id, as the store does, and counts what it was sent.
type receiver struct {
	mu    sync.Mutex
	byID  map[string]map[string]any
	sent  int
	keys  map[string]bool
	fail  func(e map[string]any) bool // answer 400 when true for any event
	calls int
}

func newReceiver(t *testing.T) (*receiver, string) {
	r := &receiver{byID: map[string]map[string]any{}, keys: map[string]bool{}}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv.URL
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	var body io.Reader = req.Body
	if req.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(req.Body)
		if err != nil {
			http.Error(w, `{"error":"bad gzip"}`, http.StatusBadRequest)
			return
		}
		body = zr
	}
	if req.URL.Path != "/ingest" {
		http.Error(w, `{"error":"bad request"}`, http.StatusBadRequest)
		return
	}
	var batch []map[string]any
	sc := bufio.NewScanner(body)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var e map[string]any
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			http.Error(w, `{"error":"bad json"}`, http.StatusBadRequest)
			return
		}
		batch = append(batch, e)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.keys[req.Header.Get("Authorization")] = true
	for _, e := range batch {
		if r.fail != nil && r.fail(e) {
			http.Error(w, `{"error":"rejected"}`, http.StatusBadRequest)
			return
		}
	}
	for _, e := range batch {
		r.byID[e["event"].(map[string]any)["id"].(string)] = e
	}
	r.sent += len(batch)
	fmt.Fprintf(w, `{"accepted":%d}`, len(batch))
}

func (r *receiver) count() (unique, sent int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.byID), r.sent
}

const albLine = `https 2026-12-04T10:%02d:00.186641Z app/my-lb/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/item/%d HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "-" 1 2026-12-04T10:00:00.000000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"`

// albLog returns n ALB lines, gzipped.
func albLog(t *testing.T, n int) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := range n {
		fmt.Fprintf(zw, albLine+"\n", i%60, i)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// albKey is the S3 key AWS gives a log object of the interval ending at hhmm.
func albKey(hhmm string) string {
	return "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/12/04/123456789012_elasticloadbalancing_us-east-1_app.my-lb.50dc6c495c0c9188_20261204T" + hhmm + "Z_10.0.0.1_abc.log.gz"
}

type ingestSummary struct {
	Objects, Skipped, Lines, Events, Failed int
	BadLines                                int `json:"bad_lines"`
	Errors                                  []string
}

func runIngestJSON(t *testing.T, args ...string) (int, ingestSummary, string) {
	t.Helper()
	code, out, errOut := runCmd(append([]string{"ingest"}, args...)...)
	var s ingestSummary
	if err := json.Unmarshal([]byte(out), &s); err != nil && code != 2 {
		t.Fatalf("summary %q: %v (stderr %s)", out, err, errOut)
	}
	return code, s, errOut
}

func TestIngestLocalFiles(t *testing.T) {
	r, url := newReceiver(t)
	dir := t.TempDir()
	good, mixed := filepath.Join(dir, "a.log.gz"), filepath.Join(dir, "b.log")
	os.WriteFile(good, albLog(t, 50), 0o644)
	os.WriteFile(mixed, []byte(fmt.Sprintf(albLine+"\ngarbage\n", 1, 1)), 0o644)
	keyFile := filepath.Join(dir, "key")
	os.WriteFile(keyFile, []byte("s3cret\n"), 0o600)

	code, s, errOut := runIngestJSON(t, "--to", url, "--api-key-file", keyFile, good, mixed)
	if code != 1 || s.Objects != 2 || s.Events != 52 || s.BadLines != 1 || !strings.Contains(s.Errors[0], "b.log:2:") {
		t.Fatalf("exit %d, summary %+v, stderr %s", code, s, errOut)
	}
	code, s, _ = runIngestJSON(t, "--to", url, "--api-key-file", keyFile, good)
	if unique, sent := r.count(); code != 0 || s.Events != 50 || unique != 52 || sent != 102 || !r.keys["ApiKey s3cret"] {
		t.Fatalf("second run: exit %d, %+v; receiver has %d unique of %d sent", code, s, unique, sent)
	}
}

func TestIngestBadUsage(t *testing.T) {
	f := func(want string, args ...string) {
		t.Helper()
		code, _, errOut := runCmd(append([]string{"ingest"}, args...)...)
		if code != 2 || !strings.Contains(errOut, want) {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	f("usage: logstack ingest")
	f("valid formats", "--format", "elb9", "x.log")
	f("want http://", "--to", "ftp://x", "x.log")
	f("select S3 objects", "--since", "1h", "x.log")
	f("one s3:// URL", "s3://a/b", "s3://c/d")
}

func TestIngestS3Backfill(t *testing.T) {
	s := minio.Start(t, minio.Options{Buckets: []string{"lb-logs"}})
	t.Setenv("AWS_ACCESS_KEY_ID", s.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s.SecretKey)
	for _, hhmm := range []string{"0955", "1000", "1005", "1010"} {
		s.Put(t, "lb-logs", albKey(hhmm), albLog(t, 10))
	}
	s.Put(t, "lb-logs", "AWSLogs/123456789012/ELBAccessLogTestFile", []byte("Enable AccessLog for ELB: my-lb at 2026-12-04T09:00:00.000Z\n"))
	r, url := newReceiver(t)
	s3 := []string{"--to", url, "--endpoint", s.Endpoint, "--region", s.Region, "--path-style"}

	code, sum, errOut := runIngestJSON(t, append(s3, "s3://lb-logs/AWSLogs/", "--since", "2026-12-04T10:00:00Z", "--until", "2026-12-04T10:05:00Z")...)
	if code != 0 || sum.Objects != 2 || sum.Events != 20 || sum.Skipped != 0 {
		t.Fatalf("window: exit %d, %+v, %s", code, sum, errOut)
	}
	code, sum, errOut = runIngestJSON(t, append(s3, "s3://lb-logs/AWSLogs/")...)
	if unique, _ := r.count(); code != 0 || sum.Objects != 4 || sum.Skipped != 1 || sum.Events != 40 || unique != 40 {
		t.Fatalf("all: exit %d, %+v, %d unique events, %s", code, sum, unique, errOut)
	}
}
