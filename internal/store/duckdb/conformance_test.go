package duckdb

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
)

// TestConformance runs the shared store-backend suite, which the
// Elasticsearch backend runs too, on fresh stores with a small memory
// limit and the suite's fixed clock.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) store.Store {
			s, err := Open(context.Background(), Options{
				Path:        filepath.Join(t.TempDir(), "store", "logstack.duckdb"),
				MemoryLimit: 256 << 20,
				Threads:     2,
			}, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			s.now = func() time.Time { return storetest.Now }
			t.Cleanup(func() { _ = s.Close() })
			return s
		},
		Partition:    24 * time.Hour,
		FixedClock:   true,
		ReportsBytes: true,
	})
}
