package logfile

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/logstack/logstack/internal/event"
)

// TestProcessMemoryFlat streams a 50 MB (uncompressed) gzip body through a
// pipe, so that nothing but Process could hold it, and checks that the heap
// in use while delivering stays far below the body's size: the reference
// Lambda ran out of memory on big files (issue 3).
func TestProcessMemoryFlat(t *testing.T) {
	const size = 50 << 20
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeGzipLines(pw, size)) }()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak uint64
	var samples int
	var mu sync.Mutex
	sink := SinkFunc(func(_ context.Context, events []event.Event) error {
		mu.Lock()
		defer mu.Unlock()
		if samples++; samples%10 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return nil
	})
	p := newTestProcessor(t, Config{}, sink)
	sum, err := p.Process(context.Background(), Object{Bucket: "b", Key: "big.log.gz"}, pr)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Bytes < size || samples < 20 {
		t.Fatalf("read %d bytes in %d batches, want at least %d", sum.Bytes, samples, size)
	}
	const bound = 40 << 20
	if grew := int64(peak) - int64(base.HeapInuse); grew > bound {
		t.Fatalf("heap in use grew by %d MB while streaming %d MB, bound %d MB", grew>>20, size>>20, bound>>20)
	}
}

// writeGzipLines writes at least size bytes of ALB-like lines, gzipped.
func writeGzipLines(w io.Writer, size int) error {
	zw := gzip.NewWriter(w)
	for n := 0; n < size; {
		k, err := fmt.Fprintf(zw, "https 2026-12-04T12:%02d:%02d.%06dZ app/my-lb/50dc6c495c0c9188 192.168.131.39:%d 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET https://www.example.com:443/item/%d HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2\n",
			n/60%60, n%60, n%1000000, 1024+n%60000, n)
		if err != nil {
			return err
		}
		n += k
	}
	return zw.Close()
}
