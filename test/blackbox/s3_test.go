package blackbox

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/input/sqsin/sqsfake"
	"github.com/logstack/logstack/internal/testkit/minio"
)

const (
	e2eBucket = "alb-logs"
	e2eLB     = "app/e2e-lb/50dc6c495c0c9188"
	e2eKey    = "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2026/12/04/" +
		"123456789012_elasticloadbalancing_us-east-2_app.e2e-lb.50dc6c495c0c9188_20261204T1005Z_10.0.0.1_5x8kd7ab.log.gz"
	e2eQueue = "alb-notifications"
)

// TestS3NotificationsEndToEnd puts a gzip ALB log object into a real MinIO
// whose bucket notifications point at logstack's webhook: its lines become
// searchable events with no manual step, even when logstack was down at
// the time of the upload. The same object notified again
// (a second upload through MinIO, and twice through SQS) leaves each event
// stored once. SQS is the labelled fake of package sqsfake: no real
// server speaking the SDK's SQS protocol installs here (docs/CONFIG.md).
func TestS3NotificationsEndToEnd(t *testing.T) {
	const hookKey = "e2e-webhook-key"
	httpAddr := freeAddr(t)
	t.Setenv("MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN_LOGSTACK", "ApiKey "+hookKey)
	t.Setenv("MINIO_NOTIFY_WEBHOOK_QUEUE_DIR_LOGSTACK", t.TempDir())
	mc := minio.Start(t, minio.Options{Buckets: []string{e2eBucket}, Webhooks: map[string]string{"logstack": "http://" + httpAddr + "/s3/notify"}})
	fake := sqsfake.New()
	sqsSrv := httptest.NewServer(fake)
	t.Cleanup(sqsSrv.Close)

	t.Setenv("E2E_S3_KEY", mc.AccessKey)
	t.Setenv("E2E_S3_SECRET", mc.SecretKey)
	t.Setenv("E2E_HOOK_KEY", hookKey)
	dir := t.TempDir()
	extra := fmt.Sprintf(`  sqs: {enabled: true, queue_url: %q, endpoint: %q, wait_time: 1s, visibility_timeout: 5s}
  s3_webhook: {enabled: true, auth: {api_keys: ["${E2E_HOOK_KEY}"]}}
s3: {endpoint: %q, region: us-east-1, path_style: true, access_key_id: "${E2E_S3_KEY}", secret_access_key: "${E2E_S3_SECRET}"}
`, sqsfake.QueueURL(sqsSrv.URL, e2eQueue), sqsSrv.URL, mc.Endpoint)
	cfg := writeConfig(t, dir, "", extra)
	first := start(t, cfg, "--http-addr", httpAddr)
	mc.Notify(t, e2eBucket, "logstack", "AWSLogs/") // MinIO checks the webhook answers
	if err := first.stop(30 * time.Second); err != nil {
		t.Fatalf("SIGTERM: %v\n%s", err, first.logs())
	}
	// The object is written while logstack is down: MinIO keeps the event
	// in its queue_dir and delivers it once the webhook answers again.
	const lines = 25
	body := albObject(t, lines)
	etag := mc.Put(t, e2eBucket, e2eKey, body)
	srv := start(t, cfg, "--http-addr", httpAddr)

	q := `aws.elb.name:"` + e2eLB + `"`
	waitCount(t, srv, q, lines)
	out, err := exec.Command(binary, "search", "--server", srv.HTTP, "--since", "1h", "--limit", "1", q+` AND url.original:"http://www.example.com:80/item/7"`).Output()
	if err != nil || !strings.Contains(string(out), `"status_code":200`) || !strings.Contains(string(out), `"cloud":{"account":{"id":"123456789012"}`) {
		t.Fatalf("logstack search: %v\n%s", err, out)
	}

	// Notified again: MinIO for a second upload of the same bytes, SQS
	// twice for the same object.
	mc.Put(t, e2eBucket, e2eKey, body)
	note := fmt.Sprintf(`{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":%q},"object":{"key":%q,"eTag":%q,"size":%d}}}]}`,
		e2eBucket, e2eKey, strings.Trim(etag, `"`), len(body))
	fake.Send(e2eQueue, note)
	fake.Send(e2eQueue, note)
	fake.Send(e2eQueue, "not a notification")
	missing := strings.Replace(e2eKey, "5x8kd7ab", "gone0000", 1)
	fake.Send(e2eQueue, strings.Replace(note, e2eKey, missing, 1))
	waitFor(t, srv, "SQS messages deleted", func() bool { return fake.Deleted(e2eQueue) == 4 })
	waitFor(t, srv, "the second MinIO notification", func() bool {
		return metricValue(t, srv, `logstack_s3_objects_total{input="s3_webhook",result="ok"}`) >= 2
	})
	// A sentinel through the same queue: once it is searchable, whatever
	// the notifications queued before it is indexed too.
	if code, err := postNDJSON(srv.HTTP, []string{`{"message":"s3 e2e sentinel"}`}); err != nil || code != 200 {
		t.Fatalf("sentinel: %d %v", code, err)
	}
	waitCount(t, srv, `"s3 e2e sentinel"`, 1)
	total, byURL := srv.countBy(q, "url.original")
	if total != lines || len(byURL) != lines {
		t.Fatalf("after re-notification: %d events over %d URLs, want %d each once", total, len(byURL), lines)
	}
	for u, n := range byURL {
		if n != 1 {
			t.Fatalf("%s stored %d times", u, n)
		}
	}
	dl, err := os.ReadFile(filepath.Join(dir, "data", "s3", "dead-letters.jsonl"))
	if err != nil || !strings.Contains(string(dl), "not a notification") || !strings.Contains(string(dl), missing) {
		t.Fatalf("the poison SQS message and the missing object are not in the dead-letter log: %v %s", err, dl)
	}
	if err := srv.stop(30 * time.Second); err != nil {
		t.Fatalf("SIGTERM: %v\n%s", err, srv.logs())
	}
}

// albObject returns a gzip ALB access log of n lines stamped now, one URL
// per line.
func albObject(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	now := time.Now().UTC()
	for i := range n {
		ts := now.Add(time.Duration(i) * time.Millisecond).Format("2006-01-02T15:04:05.000000Z")
		fmt.Fprintf(zw, `http %s %s 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/item/%d HTTP/1.1" "curl/8.5.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 %s "forward" "-" "-"`+"\n",
			ts, e2eLB, i, ts)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func waitCount(t *testing.T, srv *server, q string, want int64) {
	t.Helper()
	var got int64
	waitFor(t, srv, fmt.Sprintf("%d events for %s", want, q), func() bool {
		got, _ = srv.countBy(q, "url.original")
		if got > want {
			t.Fatalf("%s: %d events, want %d", q, got, want)
		}
		return got == want
	})
}

func waitFor(t *testing.T, srv *server, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s\n%s", what, srv.logs())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// metricValue reads one sample from /metrics (0 when absent).
func metricValue(t *testing.T, srv *server, series string) float64 {
	t.Helper()
	resp, err := http.Get(srv.HTTP + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f
		}
	}
	return 0
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
