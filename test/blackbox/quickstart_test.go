package blackbox

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestQuickstart follows the README: send an event with curl's request,
// find it with `logstack search` within 2 seconds.
func TestQuickstart(t *testing.T) {
	srv := start(t, writeConfig(t, t.TempDir(), "", ""))
	resp, err := http.Post(srv.HTTP+"/ingest", "application/json",
		strings.NewReader(`{"message":"hello from the quick start","service":{"name":"demo"}}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"accepted":1`) {
		t.Fatalf("ingest: %d %s", resp.StatusCode, body)
	}
	sent := time.Now()
	var out []byte
	for time.Since(sent) < 2*time.Second {
		out, err = exec.Command(binary, "search", "--server", srv.HTTP, "--since", "1h", `"quick start" AND service.name:demo`).Output()
		if err != nil {
			t.Fatalf("logstack search: %v", err)
		}
		if len(out) > 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	var hit map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(out), &hit); err != nil {
		t.Fatalf("search printed %q, want one NDJSON hit within 2s: %v", out, err)
	}
	if hit["message"] != "hello from the quick start" || hit["@timestamp"] == nil {
		t.Fatalf("hit = %v", hit)
	}
	if err := srv.stop(30 * time.Second); err != nil {
		t.Fatalf("SIGTERM: exit %v\n%s", err, srv.logs())
	}
}

// TestBadInputKeepsServing sends every kind of bad input and checks each
// gets a clear error, nothing of it is stored, and the server stays up.
func TestBadInputKeepsServing(t *testing.T) {
	srv := start(t, writeConfig(t, t.TempDir(), ", max_body_bytes: 64KiB", ""))
	deep := strings.Repeat(`{"a":`, 200) + "1" + strings.Repeat("}", 200)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"message":"bomb","pad":"` + strings.Repeat("x", 200<<10) + `"}`))
	zw.Close()
	cases := []struct {
		name, body, encoding string
		code                 int
		errHas               string
	}{
		{"malformed ndjson", `{"message":"bad ok 1"}` + "\n" + `{"message": nope}` + "\n", "", 400, "line 2"},
		{"invalid utf-8", "{\"message\":\"bad \xff\xfe\"}", "", 400, "UTF-8"},
		{"too deep", deep, "", 400, "nest"},
		{"oversized", `{"message":"bad ` + strings.Repeat("y", 70<<10) + `"}`, "", 413, ""},
		{"gzip bomb", gz.String(), "gzip", 413, ""},
		{"not an object", `[1,2]`, "", 400, "object"},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(http.MethodPost, srv.HTTP+"/ingest", strings.NewReader(c.body))
		if c.encoding != "" {
			req.Header.Set("Content-Encoding", c.encoding)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.code || !strings.Contains(string(body), c.errHas) || !strings.Contains(string(body), "error") {
			t.Errorf("%s: got %d %s, want %d with an error mentioning %q", c.name, resp.StatusCode, body, c.code, c.errHas)
		}
	}
	conn, err := net.Dial("tcp", srv.TCP)
	if err != nil {
		t.Fatal(err)
	}
	conn.Write([]byte("not json at all\n{\"message\":\"tcp fine\"}\n"))
	conn.(*net.TCPConn).CloseWrite()
	io.Copy(io.Discard, conn)
	conn.Close()

	srv.waitReady()
	deadline := time.Now().Add(5 * time.Second)
	for {
		total, byMsg := srv.countBy("*", "message")
		if total == 2 {
			if byMsg["not json at all"] != 1 || byMsg["tcp fine"] != 1 {
				t.Fatalf("stored %v, want only the two TCP events", byMsg)
			}
			break
		}
		if total > 2 || time.Now().After(deadline) {
			t.Fatalf("stored %d events (%v), want exactly the 2 TCP ones: rejected requests must store nothing", total, byMsg)
		}
		time.Sleep(100 * time.Millisecond)
	}
	total, tagged := srv.countBy("tags:_jsonparsefailure", "message")
	if total != 1 || tagged["not json at all"] != 1 {
		t.Fatalf("tagged events %d %v, want the non-JSON TCP line tagged _jsonparsefailure", total, tagged)
	}
}
