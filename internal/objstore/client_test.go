package objstore_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/logstack/logstack/internal/logfile"
	"github.com/logstack/logstack/internal/objstore"
	"github.com/logstack/logstack/internal/testkit/minio"
)

func TestOpenAndList(t *testing.T) {
	s := minio.Start(t, minio.Options{Buckets: []string{"logs"}})
	ctx := context.Background()
	c, err := objstore.New(ctx, s.Config(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	etag := s.Put(t, "logs", "p/a.log", []byte("one\n"))
	s.Put(t, "logs", "p/b.log", []byte("two\n"))
	s.Put(t, "logs", "q/c.log", []byte("three\n"))

	var keys []string
	err = c.List(ctx, "logs", "p/", func(o logfile.Object) error {
		if o.ETag == "" || o.Size == 0 || o.Bucket != "logs" {
			t.Errorf("listed %+v", o)
		}
		keys = append(keys, o.Key)
		return nil
	})
	if err != nil || !slices.Equal(keys, []string{"p/a.log", "p/b.log"}) {
		t.Fatalf("list: %v %v", keys, err)
	}

	f := func(obj logfile.Object, want string, wantErr error) {
		t.Helper()
		r, err := c.Open(ctx, obj)
		if wantErr != nil {
			if !errors.Is(err, wantErr) || !logfile.Permanent(err) {
				t.Fatalf("open %v: err %v, want %v (permanent)", obj, err, wantErr)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		got, _ := io.ReadAll(r)
		if string(got) != want {
			t.Fatalf("open %v: %q", obj, got)
		}
	}
	f(logfile.Object{Bucket: "logs", Key: "p/a.log"}, "one\n", nil)
	f(logfile.Object{Bucket: "logs", Key: "p/a.log", ETag: etag}, "one\n", nil)
	f(logfile.Object{Bucket: "logs", Key: "p/a.log", ETag: "0123456789abcdef0123456789abcdef"}, "", objstore.ErrNotFound)
	f(logfile.Object{Bucket: "logs", Key: "p/missing.log"}, "", objstore.ErrNotFound)
	f(logfile.Object{Bucket: "nobucket", Key: "x"}, "", objstore.ErrNotFound)

	bad := s.Config()
	bad.SecretAccessKey = "wrong-secret"
	denied, err := objstore.New(ctx, bad, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := denied.Open(ctx, logfile.Object{Bucket: "logs", Key: "p/a.log"}); !errors.Is(err, objstore.ErrDenied) {
		t.Fatalf("wrong secret: %v", err)
	}
}

func TestParseURL(t *testing.T) {
	f := func(in, bucket, prefix string, ok bool) {
		t.Helper()
		b, p, err := objstore.ParseURL(in)
		if b != bucket || p != prefix || (err == nil) != ok {
			t.Fatalf("ParseURL(%q) = %q %q %v", in, b, p, err)
		}
	}
	f("s3://logs/AWSLogs/1/", "logs", "AWSLogs/1/", true)
	f("s3://logs", "logs", "", true)
	f("s3:///x", "", "", false)
	f("/tmp/x", "", "", false)
}

func TestConfigValidate(t *testing.T) {
	if err := (objstore.Config{Endpoint: "localhost:9000"}).Validate(); err == nil {
		t.Fatal("endpoint without scheme accepted")
	}
	if err := (objstore.Config{AccessKeyID: "a"}).Validate(); err == nil {
		t.Fatal("key id without secret accepted")
	}
	if err := (objstore.Config{Endpoint: "http://127.0.0.1:9000", PathStyle: true}).Validate(); err != nil {
		t.Fatal(err)
	}
}
