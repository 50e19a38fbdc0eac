package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (relative path -> content) under a new temp dir
// and returns the dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// envFrom is a LookupEnv over a fixed map, so tests never see the real
// environment.
func envFrom(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// loadFiles loads dir/logstack.yaml (absent is fine) with env name and
// environment variables.
func loadFiles(t *testing.T, files map[string]string, env string, vars map[string]string) (*Config, error, string) {
	t.Helper()
	dir := writeTree(t, files)
	cfg, err := Load(LoadOptions{Path: filepath.Join(dir, "logstack.yaml"), Env: env, LookupEnv: envFrom(vars)})
	return cfg, err, dir
}

// where renders a problem as "file:line:col path" with file relative to
// dir, the part tests assert exactly.
func where(dir string, p *Problem) string {
	file := strings.TrimPrefix(filepath.ToSlash(p.File), filepath.ToSlash(dir)+"/")
	return fmt.Sprintf("%s:%d:%d %s", file, p.Line, p.Col, p.Path)
}

// wantProblem is one expected problem: its location, path and class.
type wantProblem struct {
	at   string // "file:line:col path"
	kind error
}

// checkProblems asserts that err holds exactly the wanted problems, in
// order.
func checkProblems(t *testing.T, dir string, err error, want []wantProblem) {
	t.Helper()
	got := Problems(err)
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(got), len(want), err)
	}
	for i, p := range got {
		if w := where(dir, p); w != want[i].at {
			t.Errorf("problem %d at %q, want %q (%v)", i, w, want[i].at, p)
		}
		if !errors.Is(p, want[i].kind) {
			t.Errorf("problem %d = %v, want %v", i, p, want[i].kind)
		}
	}
}
