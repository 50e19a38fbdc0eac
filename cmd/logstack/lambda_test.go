package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/logstack/logstack/internal/testkit/minio"
)

// lambdaEnv starts MinIO (posting its bucket notifications to a capture
// endpoint) and a receiver, and returns a handler configured as the
// function would be, plus the notifications MinIO sent.
func lambdaEnv(t *testing.T) (*minio.Server, *receiver, *lambdaHandler, chan []byte) {
	notes := make(chan []byte, 16)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if len(b) > 0 {
			notes <- b
		}
	}))
	t.Cleanup(hook.Close)
	s := minio.Start(t, minio.Options{Buckets: []string{"lb-logs"}, Webhooks: map[string]string{"lambda": hook.URL}})
	s.Notify(t, "lb-logs", "lambda", "AWSLogs/")
	t.Setenv("AWS_ACCESS_KEY_ID", s.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s.SecretKey)
	t.Setenv("AWS_REGION", s.Region)
	r, url := newReceiver(t)
	env := map[string]string{"LOGSTACK_TO": url, "LOGSTACK_API_KEY": "k", "LOGSTACK_S3_ENDPOINT": s.Endpoint, "LOGSTACK_S3_PATH_STYLE": "true"}
	h, err := newLambdaHandler(context.Background(), func(k string) string { return env[k] }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s, r, h, notes
}

func nextNote(t *testing.T, notes chan []byte) []byte {
	t.Helper()
	select {
	case n := <-notes:
		return n
	case <-time.After(time.Minute):
		t.Fatal("no notification from minio within a minute")
		return nil
	}
}

func TestLambdaS3EventRetriedDuplicatesNothing(t *testing.T) {
	s, r, h, notes := lambdaEnv(t)
	s.Put(t, "lb-logs", albKey("1000"), albLog(t, 3)) // a small CI/staging file
	note := nextNote(t, notes)
	for range 2 { // Lambda retries an invocation it thinks failed
		res, err := h.handle(context.Background(), note)
		if err != nil || res.Summary.Objects != 1 || res.Summary.Events != 3 {
			t.Fatalf("result %+v, err %v", res, err)
		}
	}
	if unique, sent := r.count(); unique != 3 || sent != 6 || !r.keys["ApiKey k"] {
		t.Fatalf("receiver: %d unique of %d sent", unique, sent)
	}
}

func TestLambdaSQSReportsFailedMessagesOnly(t *testing.T) {
	s, r, h, notes := lambdaEnv(t)
	s.Put(t, "lb-logs", albKey("1000"), albLog(t, 5))
	direct := nextNote(t, notes)
	s.Put(t, "lb-logs", albKey("1005"), albLog(t, 7))
	wrapped := `{"Type":"Notification","MessageId":"n1","Message":` + strconv.Quote(string(nextNote(t, notes))) + `}`
	missing := `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"lb-logs"},"object":{"key":"` + albKey("1010") + `"}}}]}`
	ev := events.SQSEvent{Records: []events.SQSMessage{
		{MessageId: "m1", EventSource: "aws:sqs", Body: string(direct)},
		{MessageId: "m2", EventSource: "aws:sqs", Body: wrapped},
		{MessageId: "m3", EventSource: "aws:sqs", Body: missing},
		{MessageId: "m4", EventSource: "aws:sqs", Body: `{"Service":"Amazon S3","Event":"s3:TestEvent"}`},
	}}
	raw, _ := json.Marshal(ev)
	res, err := h.handle(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, f := range res.BatchItemFailures {
		failed = append(failed, f.ItemIdentifier)
	}
	if !slices.Equal(failed, []string{"m3"}) || res.Summary.Objects != 2 || res.Summary.Failed != 1 || res.Summary.Events != 12 {
		t.Fatalf("failures %v, summary %+v", failed, res.Summary)
	}
	if unique, _ := r.count(); unique != 12 {
		t.Fatalf("receiver has %d events", unique)
	}
	out, _ := json.Marshal(res) // the shape Lambda reads for partial batch failures
	var shape struct {
		BatchItemFailures []struct{ ItemIdentifier string } `json:"batchItemFailures"`
	}
	if json.Unmarshal(out, &shape) != nil || len(shape.BatchItemFailures) != 1 || shape.BatchItemFailures[0].ItemIdentifier != "m3" {
		t.Fatalf("result JSON %s", out)
	}
}

func TestLambdaConfig(t *testing.T) {
	f := func(env map[string]string, wantErr string) {
		t.Helper()
		_, err := newLambdaHandler(context.Background(), func(k string) string { return env[k] }, slog.New(slog.DiscardHandler))
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("env %v: err %v, want %q", env, err, wantErr)
		}
	}
	f(map[string]string{}, "LOGSTACK_TO is not set")
	f(map[string]string{"LOGSTACK_TO": "http://x:9280", "LOGSTACK_FORMAT": "nope"}, "valid formats")
	f(map[string]string{"LOGSTACK_TO": "udp://x:1"}, "want http://")
}
