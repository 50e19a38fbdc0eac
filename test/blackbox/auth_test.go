package blackbox

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAPIKeys: with keys configured from the environment, ingest and search
// refuse a missing or wrong key with 401 and accept the right one.
func TestAPIKeys(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LOGSTACK_TEST_KEY", "k-3f9a1c")
	path := filepath.Join(dir, "logstack.yaml")
	cfg := fmt.Sprintf(`data_dir: %s
log: {format: json}
http: {addr: "127.0.0.1:0"}
inputs:
  tcp: {addr: "127.0.0.1:0"}
  http: {auth: {api_keys: ["${LOGSTACK_TEST_KEY}"]}}
api: {auth: {api_keys: ["${LOGSTACK_TEST_KEY}"]}}
`, filepath.Join(dir, "data"))
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := start(t, path)
	do := func(method, path, header, value, body string) (int, string) {
		req, _ := http.NewRequest(method, srv.HTTP+path, strings.NewReader(body))
		if header != "" {
			req.Header.Set(header, value)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, c := range []struct{ header, value string }{{"", ""}, {"Authorization", "ApiKey wrong"}, {"X-API-Key", "k-3f9a1"}} {
		if code, body := do("POST", "/ingest", c.header, c.value, `{"message":"x"}`); code != 401 || strings.Contains(body, "k-3f9a1c") {
			t.Errorf("ingest with %s %q: %d %s, want 401 without key material", c.header, c.value, code, body)
		}
		if code, _ := do("GET", "/api/v1/search?q=*", c.header, c.value, ""); code != 401 {
			t.Errorf("search with %s %q: %d, want 401", c.header, c.value, code)
		}
	}
	if code, body := do("POST", "/ingest", "Authorization", "ApiKey k-3f9a1c", `{"message":"x"}`); code != 200 {
		t.Fatalf("right key: %d %s", code, body)
	}
	if code, _ := do("GET", "/api/v1/search?q=*", "X-API-Key", "k-3f9a1c", ""); code != 200 {
		t.Fatalf("search with the right key: %d", code)
	}
	if strings.Contains(srv.logs(), "k-3f9a1c") {
		t.Fatal("the key appears in the server's log")
	}
}
