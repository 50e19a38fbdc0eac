package minio

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// EnvBinary names the variable that points tests at a MinIO binary.
const EnvBinary = "LOGSTACK_MINIO_BIN"

// Binary returns the path of the MinIO server binary, or "" when none is
// installed.
func Binary() string {
	if p := os.Getenv(EnvBinary); p != "" {
		return p
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	matches, _ := filepath.Glob(filepath.Join(home, ".cache", "logstack-tools", "minio-*", "minio"))
	sort.Strings(matches)
	if len(matches) == 0 {
		return ""
	}
	return matches[len(matches)-1]
}

// requireBinary returns the binary or ends the test: fatal under CI (an
// integration test must never be skipped silently there), skipped elsewhere.
func requireBinary(t testing.TB) string {
	t.Helper()
	bin := Binary()
	if bin != "" {
		return bin
	}
	msg := "minio server binary not found: set " + EnvBinary + ", put minio on PATH or run .ci/run once to install it"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}
