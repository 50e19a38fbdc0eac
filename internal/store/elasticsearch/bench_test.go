package elasticsearch

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/testkit/esfake"
)

// benchBatch builds batch i of 5000 load-balancer-like events and their
// JSON, as the indexer hands them to WriteDocs.
func benchBatch(i int) ([]event.Event, [][]byte) {
	const batch = 5000
	base := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	evs := make([]event.Event, batch)
	docs := make([][]byte, batch)
	for j := range evs {
		evs[j] = event.Event{"@timestamp": base.Add(time.Duration(j) * time.Millisecond).Format(time.RFC3339Nano),
			"event":   map[string]any{"id": fmt.Sprintf("%d-%d", i, j)},
			"message": "GET /api/v1/orders completed in 45ms", "source": map[string]any{"ip": "10.0.0.1"},
			"http": map[string]any{"response": map[string]any{"status_code": 200}}}
		docs[j], _ = event.AppendJSON(nil, evs[j])
	}
	return evs, docs
}

// benchWrite writes b.N batches to url, building them off the clock, and
// reports events/s and bulk requests/s.
func benchWrite(b *testing.B, url string, bulks func() int) {
	s := openAt(b, url, nil)
	var n int
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		evs, docs := benchBatch(i)
		b.StartTimer()
		if _, err := s.WriteDocs(b.Context(), evs, docs); err != nil {
			b.Fatal(err)
		}
		n += len(evs)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n)/sec, "events/s")
	b.ReportMetric(float64(bulks())/sec, "bulk/s")
}

// BenchmarkWriteFake measures Write into the protocol fake, which indexes
// every document in memory (its analysis and mapping checks dominate).
func BenchmarkWriteFake(b *testing.B) {
	fake := esfake.Start(b)
	benchWrite(b, fake.URL, fake.BulkRequests)
}

// BenchmarkWriteAck measures Write against a server that acknowledges
// every item at once without indexing: the cost logstack itself adds per
// event (encoding the bulk body, HTTP, reading per-item results), an upper
// bound on its throughput in front of a real cluster.
func BenchmarkWriteAck(b *testing.B) {
	var bulks atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			_, _ = io.WriteString(w, `{"version":{"number":"8.15.0"}}`)
			return
		}
		if r.Method == "GET" {
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{}`)
			return
		}
		if r.URL.Path != "/_bulk" {
			_, _ = io.WriteString(w, `{"acknowledged":true}`)
			return
		}
		bulks.Add(1)
		body, _ := io.ReadAll(r.Body)
		n := bytes.Count(body, []byte("\n")) / 2
		item := `{"create":{"_index":"i","_id":"x","status":201}}`
		_, _ = io.WriteString(w, `{"errors":false,"items":[`+strings.Repeat(item+",", n-1)+item+`]}`)
	}))
	b.Cleanup(srv.Close)
	benchWrite(b, srv.URL, func() int { return int(bulks.Load()) })
}
