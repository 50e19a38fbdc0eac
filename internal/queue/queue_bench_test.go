package queue

import (
	"context"
	"crypto/rand"
	"log/slog"
	"strconv"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkPublish measures one synchronous publish (waiting for the PubAck)
// of a 64 KiB payload with and without fsync before the ack.
func BenchmarkPublish(b *testing.B) {
	for _, sync := range []string{SyncDefault, SyncAlways} {
		b.Run("sync="+sync, func(b *testing.B) { benchPublish(b, sync) })
	}
}

// purgeEvery bounds the disk the benchmark uses: the stream is purged
// (untimed) after this many messages.
const purgeEvery = 1024

func benchPublish(b *testing.B, sync string) {
	cfg := DefaultConfig()
	cfg.Dir, cfg.Sync, cfg.MinFreeDisk = b.TempDir(), sync, 0
	cfg.MaxBytes = 2 * purgeEvery * (64<<10 + 1<<10)
	q, err := Open(context.Background(), cfg, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	payload := make([]byte, 64<<10)
	_, _ = rand.Read(payload)
	ctx := context.Background()

	b.SetBytes(int64(len(payload)))
	for i := 0; b.Loop(); i++ {
		if err := q.Publish(ctx, payload, strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
		if i%purgeEvery == purgeEvery-1 {
			b.StopTimer()
			if err := q.stream.Purge(ctx); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
}
