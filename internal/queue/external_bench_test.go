package queue

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/testkit/natsserver"
)

// benchEventsPerMessage and the line below make a realistic queue message:
// what the broker publishes for a large ingest request (1000 events of
// about 200 bytes, NDJSON).
const benchEventsPerMessage = 1000

// benchBatch is one queue message of benchEventsPerMessage events.
func benchBatch() []byte {
	var buf bytes.Buffer
	for i := range benchEventsPerMessage {
		fmt.Fprintf(&buf, `{"@timestamp":"2026-12-04T17:31:24.%09dZ","event":{"id":"01m911h9n3kxsyhb25zep%05d"},"log":{"level":"info"},"host":{"name":"web-3"},"message":"GET /api/cart/%04d 200 12ms user=u-5678"}`+"\n", i, i, i)
	}
	return buf.Bytes()
}

// BenchmarkExternalPublishFetchAck measures events/s through an external
// nats-server (docs/BENCHMARKS.md, "Queue through external nats-server"):
// publishers publish batch messages and wait for each PubAck, as the
// broker does, while one consumer fetches up to 16 messages at a time and
// double-acks each, as the indexer does (without a store). It needs a
// nats-server binary, found as internal/testkit/natsserver finds it.
func BenchmarkExternalPublishFetchAck(b *testing.B) {
	url := natsserver.Start(b).URL
	var streams atomic.Int64
	for _, publishers := range []int{1, 4} {
		b.Run("publishers="+strconv.Itoa(publishers), func(b *testing.B) {
			benchExternal(b, url, fmt.Sprintf("bench%d", streams.Add(1)), publishers)
		})
	}
}

// BenchmarkEmbeddedPublishFetchAck is BenchmarkExternalPublishFetchAck
// with the embedded server, for comparison on the same machine.
func BenchmarkEmbeddedPublishFetchAck(b *testing.B) {
	for _, publishers := range []int{1, 4} {
		b.Run("publishers="+strconv.Itoa(publishers), func(b *testing.B) {
			benchExternal(b, "", "bench", publishers)
		})
	}
}

// benchExternal runs b.N messages through a fresh stream on url (the
// embedded server in a temporary directory when url is "").
func benchExternal(b *testing.B, url, stream string, publishers int) {
	cfg := DefaultConfig()
	cfg.URL, cfg.Stream = url, stream
	if url == "" {
		cfg.Dir, cfg.MinFreeDisk = b.TempDir(), 0
	}
	q, err := Open(context.Background(), cfg, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx := context.Background()
		_ = q.js.DeleteStream(ctx, cfg.Stream)
		_ = q.js.DeleteStream(ctx, cfg.dlqStream())
		_ = q.Close()
	})
	ctx := context.Background()
	c, err := q.Consumer(ctx, "indexer", ConsumerOptions{})
	if err != nil {
		b.Fatal(err)
	}
	payload := benchBatch()
	b.SetBytes(int64(len(payload)))
	b.ResetTimer()

	errs := make(chan error, publishers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range publishers {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
				if err := q.Publish(ctx, payload, "m-"+strconv.FormatInt(i, 10)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for acked := 0; acked < b.N; {
		msgs, err := c.Fetch(ctx, 16, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range msgs {
			if err := m.Ack(ctx); err != nil {
				b.Fatal(err)
			}
		}
		acked += len(msgs)
		select {
		case err := <-errs:
			b.Fatal(err)
		default:
		}
	}
	wg.Wait()
	b.ReportMetric(float64(b.N*benchEventsPerMessage)/b.Elapsed().Seconds(), "events/s")
}
