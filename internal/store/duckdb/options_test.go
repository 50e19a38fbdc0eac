package duckdb

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/logstack/logstack/internal/store/storetest"
)

func TestOptionsValidate(t *testing.T) {
	err := Options{Threads: -1, MemoryLimit: -1, Columns: []Column{
		{Field: "", Type: TypeKeyword},
		{Field: "message", Type: TypeKeyword},
		{Field: "doc", Type: TypeKeyword},
		{Field: "a", Type: "blob"},
		{Field: "b", Type: TypeLong},
		{Field: "b", Type: TypeLong},
		{Field: `c"d`, Type: TypeLong},
		{Field: "e..f", Type: TypeLong},
	}}.validate()
	for _, want := range []string{"path is required", "threads -1", "memory limit -1", "empty field",
		`"message": field is built in`, `"doc": field is built in`, `unknown type "blob"`, `"b": listed twice`, `"c\"d"`, `"e..f"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("validate error %v lacks %q", err, want)
		}
	}
	cols, err := Options{Path: "x", Columns: []Column{{Field: "url.original", Type: "TEXT"}, {Field: "user.id", Type: TypeLong}}}.columns()
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != len(DefaultColumns)+1 || cols[6] != (Column{Field: "url.original", Type: TypeText}) || cols[len(cols)-1].Field != "user.id" {
		t.Errorf("columns %+v", cols)
	}
}

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	path := filepath.Join(t.TempDir(), "logstack.duckdb")
	ctx := context.Background()
	s, err := Open(ctx, Options{Path: path}, nil, reg)
	if err != nil {
		t.Fatal(err)
	}
	evs := storetest.Decode(t, fixture+`{"@timestamp":"2026-11-22T01:00:00Z","event":{"id":"bad"},"http":{"response":{"status_code":"x"}}}`)
	write(t, s, evs)
	write(t, s, evs[:5])
	for name, want := range map[string]float64{
		"logstack_store_events_written_total": 20,
		"logstack_store_duplicates_total":     5,
		"logstack_store_rejected_total":       1,
		"logstack_store_events":               20,
		"logstack_store_partitions":           2,
	} {
		if got := gather(t, reg, name); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if gather(t, reg, "logstack_store_bytes") <= 0 {
		t.Error("logstack_store_bytes not positive")
	}
	if n := testutil.CollectAndCount(reg, "logstack_store_write_duration_seconds"); n != 1 {
		t.Errorf("write duration series: %d", n)
	}
	// Close unregisters, so the same registry serves a reopened store.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, Options{Path: path}, nil, reg)
	if err != nil {
		t.Fatalf("reopen with the same registry: %v", err)
	}
	_ = s.Close()
}

// gather returns the value of an unlabelled counter or gauge.
func gather(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		m := mf.GetMetric()[0]
		if c := m.GetCounter(); c != nil {
			return c.GetValue()
		}
		return m.GetGauge().GetValue()
	}
	t.Fatalf("metric %s not found", name)
	return 0
}
