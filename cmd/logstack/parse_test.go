package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/elb"
	"github.com/logstack/logstack/internal/event"
)

// Lines from the AWS documentation examples (see internal/elb/testdata).
const (
	parseALB  = `http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-"`
	parseCLB  = `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`
	parseNLB  = `tls 1.0 2018-12-20T02:59:40 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 89.160.20.112:51341 172.100.100.185:443 5 2 98 246 - arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com`
	parseConn = `2024-11-29T13:45:24.599544Z 172.31.43.26 58206 80 - - - "-" - - - TID_16132ed0b4112148`
	parseCtrl = `Enable AccessLog for ELB: app/elb-name/abc123456 at 2025-05-30T16:47:00.781Z`
)

func writeGzip(t *testing.T, path, content string) {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(content))
	zw.Close()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// decodeEvents checks that stdout is NDJSON and returns the events.
func decodeEvents(t *testing.T, out string) []map[string]any {
	t.Helper()
	var events []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var e map[string]any
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("stdout line %q is not JSON: %v", line, err)
		}
		events = append(events, e)
	}
	return events
}

func elbName(e map[string]any) string {
	aws, _ := e["aws"].(map[string]any)
	elb, _ := aws["elb"].(map[string]any)
	name, _ := elb["name"].(string)
	return name
}

func TestParseFilesGzipAndBadLine(t *testing.T) {
	dir := t.TempDir()
	// A gzip file named .log: detection is by content, not name. CRLF endings too.
	gz := filepath.Join(dir, "alb.log")
	writeGzip(t, gz, parseALB+"\r\n"+parseCtrl+"\r\n"+parseCLB+"\r\n")
	plain := filepath.Join(dir, "mixed.log.gz")
	os.WriteFile(plain, []byte(parseCLB+"\nnot a log line\n\n"+parseNLB), 0o644)

	code, out, errOut := runCmd("parse", gz, plain)
	if code != 1 {
		t.Fatalf("exit %d, want 1 for a bad line; stderr %q", code, errOut)
	}
	if want := plain + ":2: malformed load-balancer log line"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q does not report %q", errOut, want)
	}
	if want := gz + ":2: skipped"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q does not mention the skipped control line %q", errOut, want)
	}
	events := decodeEvents(t, out)
	var names []string
	for _, e := range events {
		names = append(names, elbName(e))
	}
	want := []string{"app/my-loadbalancer/50dc6c495c0c9188", "my-loadbalancer", "my-loadbalancer", "net/my-network-loadbalancer/c6e77e28c25b2234"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("events for %v, want %v", names, want)
	}
	if ev, _ := events[0]["event"].(map[string]any); ev["original"] != parseALB {
		t.Errorf("event.original = %q, want the line without CRLF", ev["original"])
	}
	if !strings.Contains(errOut, "4 events, 1 skipped, 1 failed") {
		t.Errorf("summary missing from %q", errOut)
	}
}

func TestParseStdin(t *testing.T) {
	old := stdin
	defer func() { stdin = old }()
	stdin = strings.NewReader(parseConn + "\n" + parseCtrl) // no final newline
	code, out, errOut := runCmd("parse", "--format", "alb-conn", "--no-original")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	events := decodeEvents(t, out)
	if len(events) != 1 {
		t.Fatalf("%d events, want 1: %s", len(events), out)
	}
	if _, ok := events[0]["event"].(map[string]any)["original"]; ok {
		t.Error("event.original present with --no-original")
	}
	if !strings.Contains(errOut, "-:2: skipped") {
		t.Errorf("stderr %q does not mention the control line", errOut)
	}
}

func TestParseLongLine(t *testing.T) {
	old := stdin
	defer func() { stdin = old }()
	stdin = strings.NewReader(strings.Repeat("x", 3*maxLineBytes) + "\n" + parseCLB + "\n")
	code, out, errOut := runCmd("parse", "-")
	if code != 1 || !strings.Contains(errOut, "-:1: line longer than") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if events := decodeEvents(t, out); len(events) != 1 || elbName(events[0]) != "my-loadbalancer" {
		t.Fatalf("the line after the long one was not parsed: %s", out)
	}
}

func TestParseFlags(t *testing.T) {
	code, _, errOut := runCmd("parse", "--format", "elb")
	if code != 2 || !strings.Contains(errOut, "auto, clb, alb, nlb, alb-conn") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd("parse", filepath.Join(t.TempDir(), "missing.log"))
	if code != 1 || !strings.Contains(errOut, "missing.log") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestParseTruncatedGzip(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full.gz")
	writeGzip(t, full, strings.Repeat(parseCLB+"\n", 100))
	data, _ := os.ReadFile(full)
	cut := filepath.Join(dir, "cut.gz")
	os.WriteFile(cut, data[:len(data)-10], 0o644)
	code, _, errOut := runCmd("parse", cut)
	if code != 1 || !strings.Contains(errOut, cut+": line ") {
		t.Fatalf("exit %d, stderr %q: want the truncated file reported", code, errOut)
	}
}

// TestParseObjectKeyPath checks that a file kept under the S3 key layout
// labels its events with account, region and load balancer.
func TestParseObjectKeyPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "AWSLogs", "123456789012", "elasticloadbalancing", "us-east-2", "2015", "05", "13")
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, "123456789012_elasticloadbalancing_us-east-2_my-loadbalancer_20150513T2340Z_172.160.1.192_20sg8hgm.log")
	os.WriteFile(path, []byte(parseCLB+"\n"), 0o644)
	code, out, errOut := runCmd("parse", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	events := decodeEvents(t, out)
	cloud, _ := events[0]["cloud"].(map[string]any)
	account, _ := cloud["account"].(map[string]any)
	if account["id"] != "123456789012" || cloud["region"] != "us-east-2" {
		t.Errorf("cloud = %v, want the account and region of the path", cloud)
	}
}

// TestParseOutputSameAsEventEncoding checks that what `logstack parse`
// writes is exactly event.AppendJSON of elb.Parser.Parse's event, the object
// key's fields added, for lines of every format.
func TestParseOutputSameAsEventEncoding(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "AWSLogs", "123456789012", "elasticloadbalancing", "us-east-2", "2015", "05", "13")
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, "123456789012_elasticloadbalancing_us-east-2_app.my-lb.50dc6c495c0c9188_20150513T2340Z_172.160.1.192_20sg8hgm.log")
	lines := []string{parseALB, parseCLB, parseNLB, parseConn}
	os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	code, out, errOut := runCmd("parse", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	key, ok := elb.ParseObjectKey(filepath.ToSlash(path))
	if !ok {
		t.Fatal("test path does not follow the key layout")
	}
	var want strings.Builder
	for _, line := range lines {
		e, err := elb.NewParser(elb.Options{}).Parse([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		key.Fields(e)
		b, err := event.AppendJSON(nil, e)
		if err != nil {
			t.Fatal(err)
		}
		want.Write(append(b, '\n'))
	}
	if out != want.String() {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, want.String())
	}
}
