package minio

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/logstack/logstack/internal/objstore"
)

// Options says what the server starts with.
type Options struct {
	// Buckets are created before Start returns.
	Buckets []string
	// Webhooks maps a notification target id to the URL MinIO posts bucket
	// events to; Notify subscribes a bucket to one of them.
	Webhooks map[string]string
}

// Server is a running MinIO with root credentials.
type Server struct {
	Endpoint  string // http://127.0.0.1:PORT
	AccessKey string
	SecretKey string
	Region    string
	client    *s3.Client
}

// startTimeout bounds how long MinIO may take to answer its readiness probe.
const startTimeout = 60 * time.Second

// Start runs MinIO on a free loopback port with a temporary data directory
// and stops it in t.Cleanup.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	bin := requireBinary(t)
	s := &Server{AccessKey: "logstack-test", SecretKey: "logstack-test-secret", Region: "us-east-1"}
	addr := freeAddr(t)
	s.Endpoint = "http://" + addr
	var logs bytes.Buffer
	cmd := exec.Command(bin, "server", "--quiet", "--address", addr, "--console-address", freeAddr(t), t.TempDir())
	cmd.Env = append(os.Environ(), s.env(opts)...)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start minio: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	if err := waitReady(s.Endpoint, exited); err != nil {
		t.Fatalf("minio at %s: %v\n%s", s.Endpoint, err, logs.String())
	}
	s.client = s.newClient(t)
	if err := s.waitS3(); err != nil {
		t.Fatalf("minio at %s: %v\n%s", s.Endpoint, err, logs.String())
	}
	for _, b := range opts.Buckets {
		s.CreateBucket(t, b)
	}
	return s
}

// env is the server's environment: root credentials and webhook targets.
func (s *Server) env(opts Options) []string {
	env := []string{
		"MINIO_ROOT_USER=" + s.AccessKey,
		"MINIO_ROOT_PASSWORD=" + s.SecretKey,
		"MINIO_REGION=" + s.Region,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
	}
	for id, url := range opts.Webhooks {
		id = strings.ToUpper(id)
		env = append(env, "MINIO_NOTIFY_WEBHOOK_ENABLE_"+id+"=on", "MINIO_NOTIFY_WEBHOOK_ENDPOINT_"+id+"="+url)
	}
	return env
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitReady polls MinIO's readiness endpoint until it answers 200, the
// process exits or startTimeout passes.
func waitReady(endpoint string, exited <-chan error) error {
	ctx, cancel := context.WithTimeoutCause(context.Background(), startTimeout,
		fmt.Errorf("not ready within %s", startTimeout))
	defer cancel()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"/minio/health/ready", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-exited:
			return fmt.Errorf("exited before ready: %v", err)
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-tick.C:
		}
	}
}

// waitS3 waits until the S3 API answers: MinIO reports ready on its health
// endpoint before it has initialized its object layer, and answers 503
// XMinioServerNotInitialized until then.
func (s *Server) waitS3() error {
	ctx, cancel := context.WithTimeoutCause(context.Background(), startTimeout,
		fmt.Errorf("s3 api not initialized within %s", startTimeout))
	defer cancel()
	for {
		_, err := s.client.ListBuckets(ctx, &s3.ListBucketsInput{})
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", context.Cause(ctx), err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Config is the objstore configuration that reaches this server.
func (s *Server) Config() objstore.Config {
	return objstore.Config{Endpoint: s.Endpoint, Region: s.Region, PathStyle: true,
		AccessKeyID: s.AccessKey, SecretAccessKey: s.SecretKey}
}

func (s *Server) newClient(t testing.TB) *s3.Client {
	t.Helper()
	c, err := objstore.New(context.Background(), s.Config(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return c.S3()
}

// S3 returns an SDK client with root credentials.
func (s *Server) S3() *s3.Client { return s.client }

// CreateBucket creates bucket.
func (s *Server) CreateBucket(t testing.TB, bucket string) {
	t.Helper()
	if _, err := s.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("create bucket %s: %v", bucket, err)
	}
}

// Put uploads data as bucket/key and returns the object's ETag.
func (s *Server) Put(t testing.TB, bucket, key string, data []byte) string {
	t.Helper()
	out, err := s.client.PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(data),
		ContentLength: aws.Int64(int64(len(data))),
	})
	if err != nil {
		t.Fatalf("put s3://%s/%s: %v", bucket, key, err)
	}
	return aws.ToString(out.ETag)
}
