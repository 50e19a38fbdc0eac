package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeRoleFlag: --role overrides the config's role and is validated
// with it before anything starts.
func TestServeRoleFlag(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "logstack.yaml")
	if err := os.WriteFile(cfg, []byte("role: all\ndata_dir: data\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := func(role, want string) {
		t.Helper()
		code, _, errOut := runCmd("serve", "--config", cfg, "--role", role)
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("serve --role %s: %d %q, want exit 1 saying %q", role, code, errOut, want)
		}
	}
	f("indexer", "role indexer shares the queue with other processes and needs queue.url")
	f("broker", "role broker shares the queue with other processes and needs queue.url")
	f("ingester", `"ingester" is not one of all, broker, indexer, alerter`)
	if _, err := os.Stat(filepath.Join(dir, "data")); !os.IsNotExist(err) {
		t.Errorf("a refused config still created the data directory: %v", err)
	}
}
