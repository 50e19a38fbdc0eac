package ruleeval

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/store/duckdb"
)

// The alerting benchmark's store: fixtureEvents events spread evenly over
// fixtureDay, built once into $LOGSTACK_BENCH_DIR (default
// ~/.cache/logstack-bench) under a directory named by fixtureVersion, and
// reused while the version is unchanged. A "complete" marker is written
// last, so an interrupted build is started again.
const (
	fixtureVersion = "ruleeval-v2"
	fixtureEvents  = 10_000_000
	fixtureBatch   = 50_000
)

var fixtureDay = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// fixtureTime is when event i of the fixture happened.
func fixtureTime(i int) time.Time {
	return fixtureDay.Add(time.Duration(i) * (24 * time.Hour / fixtureEvents))
}

// benchStore opens the fixture, building it first when missing.
func benchStore(b *testing.B) *duckdb.Store {
	b.Helper()
	dir := os.Getenv("LOGSTACK_BENCH_DIR")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			b.Fatal(err)
		}
		dir = filepath.Join(home, ".cache", "logstack-bench")
	}
	dir = filepath.Join(dir, fixtureVersion)
	marker := filepath.Join(dir, "complete")
	if _, err := os.Stat(marker); err != nil {
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		buildFixture(b, dir)
		if err := os.WriteFile(marker, []byte(fixtureVersion+"\n"), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	s, err := duckdb.Open(context.Background(), benchStoreOptions(dir), slog.New(slog.DiscardHandler), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s
}

// benchStoreOptions are the store's defaults as the service runs it: 1 GiB
// memory limit, one thread per core.
func benchStoreOptions(dir string) duckdb.Options {
	return duckdb.Options{Path: filepath.Join(dir, "store", "logstack.duckdb"), MemoryLimit: 1 << 30}
}

// buildFixture writes the events through WriteLines, the indexer's path
// (columns picked from the JSON line, no event maps).
func buildFixture(b *testing.B, dir string) {
	ctx := context.Background()
	s, err := duckdb.Open(ctx, benchStoreOptions(dir), slog.New(slog.DiscardHandler), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = s.Close() }()
	g := &fixtureGen{rng: rand.New(rand.NewPCG(5, 2026))}
	start := time.Now()
	lines := make([][]byte, 0, fixtureBatch)
	for i := 0; i < fixtureEvents; i += fixtureBatch {
		lines = lines[:0]
		for j := i; j < min(i+fixtureBatch, fixtureEvents); j++ {
			lines = append(lines, g.line(j))
		}
		if _, err := s.WriteLines(ctx, lines); err != nil {
			b.Fatal(err)
		}
		if (i/fixtureBatch)%20 == 19 {
			b.Logf("fixture: %d events, %.0f events/s", i+fixtureBatch, float64(i+fixtureBatch)/time.Since(start).Seconds())
		}
	}
	b.Logf("fixture built in %s", time.Since(start).Round(time.Second))
}

// Field values of the fixture, skewed as production logs are: a few busy
// services, mostly info, mostly 200.
var (
	fxServices = []string{"checkout", "checkout", "cart", "cart", "auth", "auth", "auth", "search", "search",
		"payment", "inventory", "shipping", "frontend", "frontend", "frontend", "recommend", "email"}
	fxServiceSet = []string{"checkout", "cart", "auth", "search", "payment", "inventory", "shipping", "frontend", "recommend", "email"}
	fxLevels     = []string{"info", "info", "info", "info", "info", "info", "info", "debug", "warn", "warn", "error"}
	fxStatus     = []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 404, 500, 502, 503}
	fxPeers      = []string{"db-1", "db-2", "cache-1", "queue-1", "api-gw"}
	fxNouns      = []string{"order", "cart", "user", "session", "invoice", "product"}
)

// fixtureGen draws fixture events.
type fixtureGen struct{ rng *rand.Rand }

// line is event i as a normalized JSON line (nested ECS fields, the
// @timestamp and event.id that ingest sets).
func (g *fixtureGen) line(i int) []byte {
	r := g.rng
	svc := fxServices[r.IntN(len(fxServices))]
	host := svc + "-" + strconv.Itoa(r.IntN(6))
	level := fxLevels[r.IntN(len(fxLevels))]
	status := fxStatus[r.IntN(len(fxStatus))]
	var msg string
	switch n := r.IntN(100); {
	case n < 2:
		msg = fmt.Sprintf("connection refused to %s:%d", fxPeers[r.IntN(len(fxPeers))], 5000+r.IntN(100))
	case n < 10:
		msg = fmt.Sprintf("request timeout after %dms calling %s", 1000+r.IntN(9000), fxPeers[r.IntN(len(fxPeers))])
	case n < 60:
		msg = fmt.Sprintf("GET /api/v1/%ss/%d completed in %dms", fxNouns[r.IntN(len(fxNouns))], r.IntN(100000), r.IntN(900))
	default:
		msg = fmt.Sprintf("cache miss for %s:%d", fxNouns[r.IntN(len(fxNouns))], r.IntN(100000))
	}
	return fmt.Appendf(nil, `{"@timestamp":%q,"event":{"id":"fx-%09d"},"service":{"name":%q},"host":{"name":%q},"log":{"level":%q},"http":{"response":{"status_code":%d}},"message":%q}`,
		fixtureTime(i).Format(time.RFC3339Nano), i, svc, host, level, status, msg)
}
