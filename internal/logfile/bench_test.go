package logfile

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
)

// BenchmarkProcessALB measures reading, gunzipping, parsing and batching
// ALB lines with the real parser into a sink that encodes events as the
// HTTP sender does (but sends nothing).
func BenchmarkProcessALB(b *testing.B) {
	var raw bytes.Buffer
	for i := range 20000 {
		fmt.Fprintf(&raw, albLine+"\n")
		_ = i
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw.Bytes())
	zw.Close()
	sink := SinkFunc(func(_ context.Context, events []event.Event) error {
		// no encoding
		for _, e := range events {
			_ = e
		}
		return nil
	})
	p := NewProcessor(Config{}, sink, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	b.SetBytes(int64(raw.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Process(context.Background(), Object{Bucket: "b", Key: albKey}, bytes.NewReader(gz.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(20000*b.N)/b.Elapsed().Seconds(), "lines/s")
}
