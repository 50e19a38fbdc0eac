package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestVersion(t *testing.T) {
	code, out, _ := runCmd("version")
	if code != 0 || !strings.HasPrefix(out, "logstack ") || !strings.Contains(out, "commit ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, errOut := runCmd("frobnicate")
	if code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) || !strings.Contains(errOut, "serve") {
		t.Fatalf("%d %q", code, errOut)
	}
}

func TestConfigValidateAndRender(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "logstack.yaml")
	os.MkdirAll(filepath.Join(dir, "environments"), 0o755)
	os.WriteFile(base, []byte("http:\n  addr: \"@@ADDR@@\"\ninputs:\n  http:\n    auth: {api_keys: [\"${CMD_TEST_KEY}\"]}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "environments", "staging.yaml"), []byte("vars: {ADDR: \"127.0.0.1:9999\"}\nqueue:\n  max_bytez: 1GiB\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "environments", "production.yaml"), []byte("vars: {ADDR: \"0.0.0.0:9280\"}\n"), 0o644)

	code, _, errOut := runCmd("config", "validate", "--config", base, "--env", "staging")
	if code != 1 || !strings.Contains(errOut, "staging.yaml:3:3") || !strings.Contains(errOut, "max_bytez") {
		t.Fatalf("validate staging: %d %q, want the unknown key with file:line", code, errOut)
	}
	t.Setenv("CMD_TEST_KEY", "s3cr3t-value")
	code, out, errOut := runCmd("config", "render", "--config", base, "--env", "production")
	if code != 0 || !strings.Contains(out, "0.0.0.0:9280") || strings.Contains(out, "s3cr3t-value") || !strings.Contains(out, "<redacted>") {
		t.Fatalf("render production: %d %q %q", code, out, errOut)
	}
	code, out, _ = runCmd("config", "validate", "--config", base, "--env", "production")
	if code != 0 || !strings.Contains(out, "env production") {
		t.Fatalf("validate production: %d %q", code, out)
	}
}

func TestSearchFlags(t *testing.T) {
	code, _, errOut := runCmd("search", "--since", "1h", "--from", "now-2h", "x")
	if code != 2 || !strings.Contains(errOut, "exclusive") {
		t.Fatalf("%d %q", code, errOut)
	}
	code, _, errOut = runCmd("search", "--server", "http://127.0.0.1:1", "a", "b")
	if code != 2 || !strings.Contains(errOut, "one argument") {
		t.Fatalf("%d %q", code, errOut)
	}
}
