package s3notify

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestDispatch(t *testing.T) {
	dir := t.TempDir()
	dl := NewFileDeadLetters(filepath.Join(dir, "dl", "s3.jsonl"))
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	var seen []string
	fail := map[string]error{
		"gone":  Permanent(errors.New("no such key")),
		"flaky": errors.New("connection reset"),
	}
	d := &Dispatcher{Input: "test", DeadLetters: dl, Metrics: m, Handler: HandlerFunc(func(_ context.Context, o Object) error {
		seen = append(seen, o.Key)
		return fail[o.Key]
	})}
	n := Notification{Objects: []Object{{Bucket: "b", Key: "a"}, {Bucket: "b", Key: "gone"}, {Bucket: "b", Key: "c"}}, Ignored: 2}
	if err := d.Dispatch(context.Background(), n, "msg-1"); err != nil {
		t.Fatalf("a permanent object error must be dead-lettered, not retried: %v", err)
	}
	n.Objects = append(n.Objects, Object{Bucket: "b", Key: "flaky"})
	err := d.Dispatch(context.Background(), n, "msg-2")
	if err == nil || IsPermanent(err) {
		t.Fatalf("a retryable object error must fail the notification: %v", err)
	}
	if err := d.Poison(context.Background(), "msg-3", []byte("garbage"), errors.New("bad body")); err != nil {
		t.Fatal(err)
	}
	letters := readLetters(t, dl.Path())
	if len(letters) != 3 || letters[0].Object.Key != "gone" || letters[0].Ref != "msg-1" || letters[0].Reason != "no such key" ||
		letters[2].Body != "garbage" || letters[2].Reason != "bad body" {
		t.Fatalf("dead letters %+v", letters)
	}
	if got := testutil.ToFloat64(m.objects.WithLabelValues("test", resultOK)); got != 4 {
		t.Fatalf("ok objects %v, want 4", got)
	}
	if got := testutil.ToFloat64(m.ignored.WithLabelValues("test")); got != 4 {
		t.Fatalf("ignored records %v, want 4", got)
	}
}

func TestDeadLetterWriteFailureBlocksAck(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d := &Dispatcher{Input: "test", DeadLetters: NewFileDeadLetters(filepath.Join(file, "under-a-file.jsonl")), Metrics: NewMetrics(nil),
		Handler: HandlerFunc(func(context.Context, Object) error { return Permanent(errors.New("denied")) })}
	if err := d.Dispatch(context.Background(), Notification{Objects: []Object{{Bucket: "b", Key: "k"}}}, "m"); err == nil {
		t.Fatal("the notification must not be acknowledged when its dead letter could not be written")
	}
	if err := d.Poison(context.Background(), "m", nil, errors.New("x")); err == nil {
		t.Fatal("poison without a stored dead letter must fail")
	}
}

func readLetters(t *testing.T, path string) []DeadLetter {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []DeadLetter
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var dl DeadLetter
		if err := json.Unmarshal(sc.Bytes(), &dl); err != nil {
			t.Fatal(err)
		}
		out = append(out, dl)
	}
	return out
}
