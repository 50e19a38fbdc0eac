package queue

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// benchEventsPerMessage and the line below make a realistic queue message:
// what the broker publishes for a large ingest request (1000 events of
// about 200 bytes, NDJSON).
const benchEventsPerMessage = 1000

// natsServerBinary finds an external nats-server: $LOGSTACK_NATS_SERVER,
// else nats-server on PATH, else Debian's /usr/sbin/nats-server; "" when
// there is none.
func natsServerBinary() string {
	if p := os.Getenv("LOGSTACK_NATS_SERVER"); p != "" {
		return p
	}
	if p, err := exec.LookPath("nats-server"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nats-server"); err == nil {
		return "/usr/sbin/nats-server"
	}
	return ""
}

// startExternalNATS runs `nats-server -js` on a free loopback port with its
// store in a temporary directory, stopped when the benchmark ends, and
// returns its URL.
func startExternalNATS(b *testing.B, bin string) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	_, port, _ := net.SplitHostPort(addr)
	dir := b.TempDir()
	logFile, err := os.Create(filepath.Join(dir, "nats-server.log"))
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(bin, "-js", "-sd", filepath.Join(dir, "store"), "-a", "127.0.0.1", "-p", port)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		b.Fatalf("start %s: %v", bin, err)
	}
	b.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		_ = logFile.Close()
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			_ = c.Close()
			return "nats://" + addr
		}
		if time.Now().After(deadline) {
			b.Fatalf("%s did not listen on %s (log in %s)", bin, addr, logFile.Name())
		}
	}
}

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
// double-acks each, as the indexer does (without a store). It skips when
// no nats-server binary is found.
func BenchmarkExternalPublishFetchAck(b *testing.B) {
	bin := natsServerBinary()
	if bin == "" {
		b.Skip("no nats-server: set LOGSTACK_NATS_SERVER or install nats-server")
	}
	url := startExternalNATS(b, bin)
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
	cfg.MaxMsgSize = 512 << 10 // Debian's nats-server keeps the 1 MB default max_payload
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
