package elasticsearch

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/store"
	"github.com/logstack/logstack/internal/store/storetest"
	"github.com/logstack/logstack/internal/testkit/esfake"
)

// harnessSeq makes index and template names unique per opened store, so
// that stores on one cluster never see each other's events.
var harnessSeq atomic.Int64

// harness opens stores on the cluster at url (per test) for the shared
// conformance suite: hourly indices, the suite's fixed clock, and a
// cleanup that deletes what the store created.
func harness(url func(t *testing.T) string, change func(o *Options)) storetest.Harness {
	return storetest.Harness{
		Open: func(t *testing.T) store.Store {
			u := url(t)
			n := harnessSeq.Add(1)
			prefix := fmt.Sprintf("logstack-test-%d-%d", time.Now().UnixNano()%1e9, n)
			o := Options{
				URLs: []string{u}, Index: prefix + "-%Y.%m.%d.%H", TemplateName: prefix, Replicas: 0,
				RetryBase: time.Millisecond, RetryMax: 10 * time.Millisecond,
				Now: func() time.Time { return storetest.Now },
			}
			if change != nil {
				change(&o)
			}
			s, err := Open(context.Background(), o, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			t.Cleanup(func() { cleanup(t, s) })
			return s
		},
		Partition:             time.Hour,
		FixedClock:            true,
		ReportsBytes:          true,
		IDsUniquePerPartition: true,
	}
}

// cleanup deletes the store's indices and template (one by one: clusters
// refuse wildcard deletes by default).
func cleanup(t *testing.T, s *Store) {
	ctx := context.Background()
	s.closed.Store(false) // the suite may have closed it; the client still works
	defer func() { _ = s.Close() }()
	idx, err := s.indices(ctx)
	if err != nil {
		t.Logf("cleanup: %v", err)
		return
	}
	for _, i := range idx {
		if _, err := s.c.do(ctx, "DELETE", "/"+i.Index, nil, 404); err != nil {
			t.Logf("cleanup: %v", err)
		}
	}
	if _, err := s.c.do(ctx, "DELETE", s.templatePath(s.newTemplate()), nil, 404); err != nil {
		t.Logf("cleanup: %v", err)
	}
}

// TestConformanceFake runs the shared store-backend suite against the
// protocol fake, for each supported flavour: the acceptance test of issue
// 4 that the Elasticsearch backend answers like the DuckDB one.
func TestConformanceFake(t *testing.T) {
	for _, v := range []struct{ dist, number string }{
		{"elasticsearch", "8.15.0"},
		{"elasticsearch", "7.10.2"},
		{"elasticsearch", "7.5.0"},
		{"opensearch", "2.11.0"},
		{"opensearch", "1.3.0"},
	} {
		t.Run(v.dist+"-"+v.number, func(t *testing.T) {
			storetest.Run(t, harness(func(t *testing.T) string {
				return esfake.Start(t, esfake.WithVersion(v.dist, v.number)).URL
			}, nil))
		})
	}
}
