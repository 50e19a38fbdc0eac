package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/store/duckdb"
	"github.com/logstack/logstack/internal/store/storetest"
)

// TestLintDataDir runs the history checks on a real DuckDB store: the
// rule's filter matched an event an hour ago, the alarm's query did not
// reach its threshold in any minute.
func TestLintDataDir(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := duckdb.Open(ctx, duckdb.Options{Path: filepath.Join(dir, "store", "logstack.duckdb")},
		slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	ts := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	var lines []string
	for i := range 3 {
		lines = append(lines, fmt.Sprintf(`{"@timestamp":%q,"event":{"id":"e%d"},"service":"checkout","aws":{"elb":{"name":"broker"}}}`, ts, i))
	}
	if _, err := st.Write(ctx, storetest.Decode(t, strings.Join(lines, "\n")+"\n")); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	alarmFile := filepath.Join(dir, "a.yaml")
	ruleFile := filepath.Join(dir, "r.yaml")
	os.WriteFile(alarmFile, []byte(strings.Replace(strings.Replace(refAlarm, "maximum", "sum", 1),
		"'aws.elb.name:broker AND NOT _exists_:aws.elb.backend.ip'", "'aws.elb.name:broker'", 1)), 0o644)
	os.WriteFile(ruleFile, []byte("name: r\ntype: any\nindex: logs\nfilter:\n- term: {service: checkout}\nalert: [email]\n"), 0o644)

	code, out, errOut := runCmd("lint", "--data-dir", dir, alarmFile, ruleFile)
	if code != 0 || !strings.Contains(out, alarmFile+":8: warning: no period in the last 24h crossed GreaterThanThreshold 100 (highest: 3 events per 1m)") ||
		strings.Contains(out, "rule-silent") || strings.Contains(out, ruleFile) {
		t.Fatalf("data dir: %d %q %q", code, out, errOut)
	}
}
