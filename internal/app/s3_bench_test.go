package app

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/testkit/minio"
)

// BenchmarkS3WebhookObject measures one ALB log object of 100,000 lines
// going from a MinIO-style notification to the webhook's 200, that is
// read from a real MinIO, parsed and durable in the queue (indexer off).
func BenchmarkS3WebhookObject(b *testing.B) {
	const lines = 100000
	mc := minio.Start(b, minio.Options{Buckets: []string{"alb"}})
	cfg := mc.Config()
	body := benchObject(b, lines)
	key := "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2026/12/04/123456789012_elasticloadbalancing_us-east-2_app.bench.50dc6c495c0c9188_20261204T1005Z_10.0.0.1_5x8kd7ab.log.gz"
	etag := strings.Trim(mc.Put(b, "alb", key, body), `"`)
	note := fmt.Sprintf(`{"Records":[{"eventName":"s3:ObjectCreated:Put","s3":{"bucket":{"name":"alb"},"object":{"key":%q,"eTag":%q}}}]}`, key, etag)
	for b.Loop() {
		b.StopTimer()
		a := startApp(b, b.TempDir(), func(c *config.Config) {
			c.Indexer.Enabled = false
			c.Inputs.TCP.Enabled = false
			c.S3 = config.S3{Endpoint: cfg.Endpoint, PathStyle: true, AccessKeyID: config.Secret(cfg.AccessKeyID), SecretAccessKey: config.Secret(cfg.SecretAccessKey)}
			c.Inputs.S3Webhook.Enabled = true
		})
		b.StartTimer()
		resp, err := http.Post("http://"+a.HTTPAddr()+"/s3/notify", "application/json", strings.NewReader(note))
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("webhook: %v %v", err, resp)
		}
		resp.Body.Close()
		b.StopTimer()
		if err := a.Shutdown(b.Context()); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(lines*b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(len(body)), "gzip-bytes")
}

func benchObject(b *testing.B, n int) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	now := time.Now().UTC()
	for i := range n {
		fmt.Fprintln(zw, albLine(now, i))
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// albLine is the i-th line of a synthetic ALB access log starting at now:
// varied clients, paths and timings, about 600 bytes.
func albLine(now time.Time, i int) string {
	ts := now.Add(time.Duration(i) * time.Millisecond).Format("2006-01-02T15:04:05.000000Z")
	return fmt.Sprintf(`https %s app/bench/50dc6c495c0c9188 192.168.%d.%d:%d 10.0.0.1:80 0.000 0.%03d 0.000 200 200 34 %d "GET https://www.example.com:443/item/%d?q=%d HTTP/1.1" "Mozilla/5.0 (X11; Linux x86_64)" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 %s "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"`,
		ts, i%250, i%200, 1024+i%60000, i%1000, 300+i%5000, i, i, ts)
}
