package minio

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestStartPutGetAndNotify(t *testing.T) {
	events := make(chan string, 10)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Records []struct {
				S3 struct{ Object struct{ Key string } }
			}
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err == nil {
			for _, rec := range body.Records {
				events <- rec.S3.Object.Key
			}
		}
	}))
	defer hook.Close()
	s := Start(t, Options{Buckets: []string{"logs"}, Webhooks: map[string]string{"logstack": hook.URL}})
	s.Notify(t, "logs", "logstack", "AWSLogs/")
	etag := s.Put(t, "logs", "AWSLogs/a.log", []byte("hello\n"))
	if etag == "" {
		t.Fatal("no etag")
	}
	out, err := s.S3().GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("logs"), Key: aws.String("AWSLogs/a.log")})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if string(body) != "hello\n" {
		t.Fatalf("body %q", body)
	}
	select {
	case key := <-events:
		if !strings.HasSuffix(key, "a.log") {
			t.Fatalf("notified key %q", key)
		}
	case <-time.After(time.Minute):
		t.Fatal("no notification within a minute")
	}
}
