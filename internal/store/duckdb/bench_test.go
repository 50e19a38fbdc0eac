package duckdb

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// The benchmark store: LOGSTACK_BENCH_EVENTS synthetic events (default ten
// million) over one day, in LOGSTACK_BENCH_DIR (default a directory under
// the system temp dir), loaded once and reused by later runs;
// LOGSTACK_BENCH_MEMORY_LIMIT_MIB sets store.duckdb.memory_limit.
const (
	benchBatch = 20000
	benchDay   = "2026-11-22"
)

// BenchmarkStore measures the queries docs/BENCHMARKS.md reports on a
// loaded store. It runs only with -bench:
//
//	LOGSTACK_BENCH_DIR=/tmp/logstack-bench go test -run '^$' -bench BenchmarkStore -benchtime 10x ./internal/store/duckdb/
func BenchmarkStore(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	search := func(q string) func(b *testing.B) {
		return func(b *testing.B) {
			req := store.SearchRequest{Query: storetest.Parse(b, q), Limit: 100}
			var res store.SearchResult
			var err error
			for b.Loop() {
				if res, err = s.Search(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Total), "matches")
			b.ReportMetric(float64(len(res.Hits)), "hits")
		}
	}
	aggregate := func(req store.AggregateRequest) func(b *testing.B) {
		return func(b *testing.B) {
			var res store.AggregateResult
			var err error
			for b.Loop() {
				if res, err = s.Aggregate(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Total), "matches")
			b.ReportMetric(float64(len(res.Buckets)), "buckets")
		}
	}
	b.Run("search_field", search(`service.name:checkout AND http.response.status_code:>=500`))
	b.Run("search_phrase", search(`"connection refused"`))
	b.Run("search_all", search(`*`))
	b.Run("search_word", search(`timeout`))
	b.Run("count_by_field", aggregate(store.AggregateRequest{Field: "service.name", Size: 10}))
	b.Run("date_histogram_1m", aggregate(store.AggregateRequest{Interval: time.Minute}))
}

// BenchmarkWrite measures Write throughput with 20,000-event batches into
// a fresh store (events/s is the figure to read).
func BenchmarkWrite(b *testing.B) {
	s := openTest(b)
	gen := newBenchGen(2, 1_000_000)
	ctx := context.Background()
	var n int
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		batch := gen.batch(benchBatch)
		b.StartTimer()
		start := time.Now()
		res, err := s.Write(ctx, batch)
		elapsed += time.Since(start)
		if err != nil || res.Written != len(batch) {
			b.Fatalf("write: %+v, %v", res, err)
		}
		n += res.Written
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "events/s")
}

// benchStore opens the benchmark store, loading it when it has fewer
// events than wanted.
func benchStore(b *testing.B) *Store {
	b.Helper()
	want := int64(10_000_000)
	if v := os.Getenv("LOGSTACK_BENCH_EVENTS"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			b.Fatalf("LOGSTACK_BENCH_EVENTS: %v", err)
		}
		want = n
	}
	dir := os.Getenv("LOGSTACK_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "logstack-bench")
	}
	opts := Options{Path: filepath.Join(dir, "store", "logstack.duckdb")}
	if v := os.Getenv("LOGSTACK_BENCH_MEMORY_LIMIT_MIB"); v != "" {
		mib, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			b.Fatalf("LOGSTACK_BENCH_MEMORY_LIMIT_MIB: %v", err)
		}
		opts.MemoryLimit = mib << 20
	}
	s, err := Open(context.Background(), opts, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	st, err := s.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if st.Events >= want {
		return s
	}
	b.Logf("loading %d events into %s (has %d)", want-st.Events, dir, st.Events)
	gen := newBenchGen(1, want)
	gen.seq = st.Events
	var elapsed time.Duration
	for loaded := st.Events; loaded < want; {
		batch := gen.batch(int(min(benchBatch, want-loaded)))
		start := time.Now()
		res, err := s.Write(context.Background(), batch)
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		loaded += int64(len(batch))
		if loaded%1_000_000 < benchBatch {
			b.Logf("loaded %d, %.0f events/s", loaded, float64(loaded-st.Events)/elapsed.Seconds())
		}
		_ = res
	}
	st, _ = s.Stats(context.Background())
	b.Logf("loaded: %d events, %d bytes, %.0f events/s", st.Events, st.Bytes, float64(want-gen.start)/elapsed.Seconds())
	return s
}

// benchGen makes realistic events: ECS fields with skewed distributions
// and messages drawn from templates over a vocabulary; "connection
// refused" appears in about 1% of them. Event i of total falls at
// i/total of the benchmark day, so a load is one day in time order.
type benchGen struct {
	rng   *rand.Rand
	total int64
	seq   int64
	start int64
	day   time.Time
}

func newBenchGen(seed uint64, total int64) *benchGen {
	day, _ := time.Parse(time.DateOnly, benchDay)
	return &benchGen{rng: rand.New(rand.NewPCG(seed, 42)), total: total, day: day}
}

var (
	benchServices = []string{"checkout", "checkout", "cart", "cart", "auth", "auth", "auth", "search", "search",
		"payment", "inventory", "shipping", "frontend", "frontend", "frontend", "recommend", "email"}
	benchLevels  = []string{"info", "info", "info", "info", "info", "info", "info", "debug", "warn", "warn", "error"}
	benchStatus  = []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 404, 500, 502, 503}
	benchNouns   = []string{"order", "cart", "user", "session", "invoice", "product", "shipment", "coupon", "review", "profile"}
	benchHosts   = []string{"db-1", "db-2", "cache-1", "cache-2", "queue-1", "api-gw", "auth-svc", "search-idx"}
	benchTables  = []string{"orders", "users", "products", "sessions", "payments", "events"}
	benchUsers   = []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"}
	benchMethods = []string{"GET", "GET", "GET", "POST", "PUT", "DELETE"}
)

// message draws one log message.
func (g *benchGen) message() string {
	r := g.rng
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	switch n := r.IntN(100); {
	case n < 1:
		return fmt.Sprintf("connection refused to %s:%d", pick(benchHosts), 5000+r.IntN(1000))
	case n < 3:
		return fmt.Sprintf("connection reset by peer %s after %dms", pick(benchHosts), r.IntN(5000))
	case n < 30:
		return fmt.Sprintf("%s /api/v1/%ss/%d completed in %dms", pick(benchMethods), pick(benchNouns), r.IntN(100000), r.IntN(900))
	case n < 40:
		return fmt.Sprintf("user %s logged in from 10.%d.%d.%d", pick(benchUsers), r.IntN(256), r.IntN(256), r.IntN(256))
	case n < 50:
		return fmt.Sprintf("cache miss for key %s:%d", pick(benchNouns), r.IntN(100000))
	case n < 58:
		return fmt.Sprintf("slow query on %s took %dms", pick(benchTables), 500+r.IntN(5000))
	case n < 65:
		return fmt.Sprintf("retrying request to %s attempt=%d", pick(benchHosts), 1+r.IntN(5))
	case n < 70:
		return fmt.Sprintf("timeout waiting for %s after %dms", pick(benchHosts), 1000+r.IntN(30000))
	case n < 80:
		return fmt.Sprintf("%s %d created by user %s", pick(benchNouns), r.IntN(1000000), pick(benchUsers))
	case n < 85:
		return fmt.Sprintf("disk usage %d%% on /var/lib/%s", 50+r.IntN(50), pick(benchTables))
	case n < 90:
		return fmt.Sprintf("payment %d authorized amount=%d.%02d", r.IntN(1000000), r.IntN(500), r.IntN(100))
	default:
		return "health check ok"
	}
}

// batch returns the next n events, normalized as the indexer passes them.
func (g *benchGen) batch(n int) []event.Event {
	out := make([]event.Event, n)
	step := int64(24*time.Hour) / g.total
	for i := range out {
		ts := g.day.Add(time.Duration(g.seq*step + g.rng.Int64N(step+1)))
		e := event.Event{
			"@timestamp": event.FormatTimestamp(ts),
			"event":      map[string]any{"id": event.NewID(ts)},
			"message":    g.message(),
			"log":        map[string]any{"level": benchLevels[g.rng.IntN(len(benchLevels))]},
			"service":    map[string]any{"name": benchServices[g.rng.IntN(len(benchServices))]},
			"http":       map[string]any{"response": map[string]any{"status_code": json.Number(strconv.Itoa(benchStatus[g.rng.IntN(len(benchStatus))]))}},
		}
		out[i] = e
		g.seq++
	}
	return out
}
