package app

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/config"
)

// TestS3InputsWiring starts the S3 inputs against an SQS endpoint that
// refuses connections: readiness names input.sqs, the webhook is mounted
// behind its API key, and shutdown stops the consumer.
func TestS3InputsWiring(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String()
	l.Close()
	a := startApp(t, t.TempDir(), func(c *config.Config) {
		c.S3 = config.S3{Endpoint: dead, PathStyle: true, AccessKeyID: "k", SecretAccessKey: "s"}
		c.Inputs.SQS.Enabled = true
		c.Inputs.SQS.QueueURL = dead + "/000000000000/q"
		c.Inputs.SQS.Endpoint = dead
		c.Inputs.S3Webhook.Enabled = true
		c.Inputs.S3Webhook.Auth = config.Auth{APIKeys: []config.Secret{"hook-key"}}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := a.Health().Evaluate(context.Background())
		if !st.Ready && strings.Contains(st.Checks["input.sqs"], "sqs poll failing") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("readiness never reported the failing SQS poll: %+v", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp, err := http.Post("http://"+a.HTTPAddr()+"/s3/notify", "application/json", strings.NewReader(`{"Records":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("webhook without its key: %d, want 401", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+a.HTTPAddr()+"/s3/notify", strings.NewReader(`{"Event":"s3:TestEvent"}`))
	req.Header.Set("X-API-Key", "hook-key")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook test event: %d", resp.StatusCode)
	}
	if err := a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}
