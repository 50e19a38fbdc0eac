package duckdb

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// BenchmarkMetric measures the datapoint queries of metric alarms
// (docs/BENCHMARKS.md, "Alarm datapoints"): LOGSTACK_BENCH_METRIC_EVENTS
// events (default one million) over one hour, written to a fresh store
// first, then one-minute periods over that hour. It runs only with -bench:
//
//	go test -run '^$' -bench BenchmarkMetric -benchtime 10x ./internal/store/duckdb/
func BenchmarkMetric(b *testing.B) {
	total := int64(1_000_000)
	if v := os.Getenv("LOGSTACK_BENCH_METRIC_EVENTS"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			b.Fatalf("LOGSTACK_BENCH_METRIC_EVENTS: %v", err)
		}
		total = n
	}
	s := openTest(b)
	hour := loadMetricBench(b, s, total)
	ctx := context.Background()
	run := func(req store.MetricRequest) func(b *testing.B) {
		return func(b *testing.B) {
			req.From, req.To, req.Interval = hour, hour.Add(time.Hour), time.Minute
			var res store.MetricResult
			var err error
			for b.Loop() {
				if res, err = s.Metric(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
			var n int64
			for _, bk := range res.Buckets {
				n += bk.Count
			}
			b.ReportMetric(float64(len(res.Buckets)), "periods")
			b.ReportMetric(float64(n), "values")
		}
	}
	b.Run("count", run(store.MetricRequest{}))
	b.Run("count_filtered", run(store.MetricRequest{Query: storetest.Parse(b, "service.name:checkout AND http.response.status_code:>=500")}))
	b.Run("column_stats", run(store.MetricRequest{Field: "http.response.status_code"}))
	b.Run("json_stats", run(store.MetricRequest{Field: "duration_ms"}))
	b.Run("json_p50_p99", run(store.MetricRequest{Field: "duration_ms", Percentiles: []float64{50, 99}}))
	b.Run("json_p99_filtered", run(store.MetricRequest{Query: storetest.Parse(b, "service.name:checkout"), Field: "duration_ms", Percentiles: []float64{99}}))
}

// loadMetricBench writes total events spread evenly over one hour of the
// benchmark day, each with a duration_ms (a JSON number, one in ten a
// numeric string), and returns the hour's start.
func loadMetricBench(b *testing.B, s *Store, total int64) time.Time {
	b.Helper()
	gen := newBenchGen(3, total)
	hour := gen.day.Add(10 * time.Hour)
	step := int64(time.Hour) / total
	start := time.Now()
	for seq := int64(0); seq < total; {
		batch := gen.batch(int(min(benchBatch, total-seq)))
		for _, e := range batch {
			ts := hour.Add(time.Duration(seq * step))
			e["@timestamp"] = event.FormatTimestamp(ts)
			e["event"] = map[string]any{"id": event.NewID(ts)}
			d := strconv.FormatFloat(float64(gen.rng.IntN(100_000))/100, 'f', -1, 64)
			if seq%10 == 0 {
				e["duration_ms"] = d
			} else {
				e["duration_ms"] = json.Number(d)
			}
			seq++
		}
		if _, err := s.Write(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("loaded %d events in %s", total, time.Since(start).Round(time.Second))
	return hour
}
