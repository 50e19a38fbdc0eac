package logfile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/event"
)

func TestProcessEvents(t *testing.T) {
	body := "#version 1\nfirst line\nbad line\r\n\nlast line"
	f := func(name string, data []byte) {
		t.Run(name, func(t *testing.T) {
			var c collector
			p := newTestProcessor(t, Config{}, &c)
			obj := Object{Bucket: "logs", Key: "k1", ETag: `"abc"`}
			sum, err := p.Process(context.Background(), obj, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want := Summary{Objects: 1, Lines: 5, Events: 3, BadLines: 1, Bytes: int64(len(body)),
				Errors: []string{"s3://logs/k1:3: field 3: not a number"}}
			if !equalSummary(sum, want) {
				t.Fatalf("summary %+v, want %+v", sum, want)
			}
			var msgs []string
			for _, e := range c.events {
				msgs = append(msgs, e.String("message"))
			}
			if !slices.Equal(msgs, []string{"first line", "bad line", "last line"}) {
				t.Fatalf("messages %q", msgs)
			}
			bad := c.events[1]
			if tags, _ := bad.Get("tags"); !slices.Equal(tags.([]any), []any{TagParseFailure}) {
				t.Fatalf("bad line tags %v", tags)
			}
			if bad.String("error.message") != "field 3: not a number" || bad.String("aws.s3.object.key") != "k1" ||
				bad.String("aws.elb.name") != "lb-of-k1" {
				t.Fatalf("bad line event %v", bad)
			}
			if off, _ := c.events[2].Get("log.offset"); off != json.Number(fmt.Sprint(strings.Index(body, "last line"))) {
				t.Fatalf("offset of last line %v", off)
			}
		})
	}
	f("plain", []byte(body))
	f("gzip", gzipped(t, body))
}

func equalSummary(a, b Summary) bool {
	return a.Objects == b.Objects && a.Skipped == b.Skipped && a.Lines == b.Lines && a.Events == b.Events &&
		a.BadLines == b.BadLines && a.Bytes == b.Bytes && a.Failed == b.Failed && slices.Equal(a.Errors, b.Errors)
}

func TestProcessSameObjectTwiceSameIDs(t *testing.T) {
	body := "a\nb\nbad\nc\n"
	run := func(obj Object) []string {
		var c collector
		p := newTestProcessor(t, Config{BatchEvents: 2}, &c)
		if _, err := p.Process(context.Background(), obj, strings.NewReader(body)); err != nil {
			t.Fatal(err)
		}
		return c.ids()
	}
	notified := Object{Bucket: "logs", Key: "k", ETag: "e1", VersionID: "v1"}
	listed := Object{Bucket: "logs", Key: "k", ETag: `"e1"`}
	first, again, backfill := run(notified), run(notified), run(listed)
	if len(first) != 4 || !slices.Equal(first, again) || !slices.Equal(first, backfill) {
		t.Fatalf("ids differ between runs: %v %v %v", first, again, backfill)
	}
	if len(slices.Compact(slices.Clone(first))) != 4 {
		t.Fatalf("ids within an object collide: %v", first)
	}
	for _, other := range []Object{{Bucket: "logs", Key: "k", ETag: "e2"}, {Bucket: "logs", Key: "k2", ETag: "e1"}, {Bucket: "l2", Key: "k", ETag: "e1"}} {
		if ids := run(other); ids[0] == first[0] {
			t.Fatalf("%v got the same id as %v", other, notified)
		}
	}
}

func TestProcessSkipsByKey(t *testing.T) {
	var c collector
	p := newTestProcessor(t, Config{}, &c)
	sum, err := p.Process(context.Background(), Object{Bucket: "b", Key: "x/skipme"}, strings.NewReader("a\n"))
	if err != nil || sum.Skipped != 1 || sum.Objects != 0 || c.calls != 0 {
		t.Fatalf("summary %+v, err %v, deliveries %d", sum, err, c.calls)
	}
}

func TestProcessBatchesBounded(t *testing.T) {
	var c collector
	sizes := SinkFunc(func(ctx context.Context, events []event.Event) error {
		if len(events) > 3 {
			t.Errorf("batch of %d events, bound 3", len(events))
		}
		return c.Deliver(ctx, events)
	})
	p := newTestProcessor(t, Config{BatchEvents: 3, BatchBytes: 1 << 20}, sizes)
	body := strings.Repeat("line\n", 10)
	sum, err := p.Process(context.Background(), Object{Key: "f"}, strings.NewReader(body))
	if err != nil || sum.Events != 10 || c.calls != 4 {
		t.Fatalf("summary %+v, err %v, deliveries %d", sum, err, c.calls)
	}
	if c.events[0].String("log.file.path") != "f" {
		t.Fatalf("local file event %v", c.events[0])
	}
}

func TestProcessLongLineReported(t *testing.T) {
	var c collector
	p := newTestProcessor(t, Config{MaxLineBytes: 100}, &c)
	long := strings.Repeat("x", 200_000)
	sum, err := p.Process(context.Background(), Object{Key: "f"}, strings.NewReader("a\n"+long+"\nb\n"))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Events != 3 || sum.BadLines != 1 || len(c.events[1].String("message")) != 100 ||
		!strings.Contains(sum.Errors[0], "f:2: line longer than 100 bytes (200000)") || c.events[2].String("message") != "b" {
		t.Fatalf("summary %+v, second event %.80v", sum, c.events[1])
	}
}

func TestProcessErrorsClassified(t *testing.T) {
	refused := errors.New("connection refused")
	rejected := errors.Join(ErrPermanent, errors.New("401 unauthorized"))
	f := func(name string, sink Sink, body []byte, permanent bool, wantInErr string) {
		t.Run(name, func(t *testing.T) {
			p := newTestProcessor(t, Config{BatchEvents: 1}, sink)
			sum, err := p.Process(context.Background(), Object{Bucket: "b", Key: "k"}, bytes.NewReader(body))
			if err == nil || Permanent(err) != permanent || Retryable(err) == permanent || !strings.Contains(err.Error(), wantInErr) {
				t.Fatalf("err %v, permanent %v, want permanent %v containing %q", err, Permanent(err), permanent, wantInErr)
			}
			if sum.Failed != 1 || sum.Objects != 0 || len(sum.Errors) != 1 {
				t.Fatalf("summary %+v", sum)
			}
		})
	}
	fail := func(err error) Sink {
		return SinkFunc(func(context.Context, []event.Event) error { return err })
	}
	ok := &collector{}
	gz := gzipped(t, "a\nb\n")
	corrupt := slices.Clone(gz)
	corrupt[len(corrupt)-5] ^= 0xff // CRC
	f("sink retryable", fail(refused), []byte("a\nb\n"), false, "s3://b/k: deliver: connection refused")
	f("sink permanent", fail(rejected), []byte("a\nb\n"), true, "401")
	f("corrupt gzip", ok, corrupt, true, "gzip")
	f("truncated gzip", ok, gz[:len(gz)-4], false, "unexpected EOF")
}

func TestSummaryAddKeepsLastErrors(t *testing.T) {
	var total Summary
	for i := range 7 {
		total.Add(Summary{Objects: 1, Lines: 2, Errors: []string{fmt.Sprint(i)}})
	}
	if total.Objects != 7 || total.Lines != 14 || !slices.Equal(total.Errors, []string{"2", "3", "4", "5", "6"}) {
		t.Fatalf("%+v", total)
	}
}
