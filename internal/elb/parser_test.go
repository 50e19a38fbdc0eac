package elb

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
)

func TestParseFormat(t *testing.T) {
	f := func(in string, want Format, wantErr bool) {
		t.Helper()
		got, err := ParseFormat(in)
		if got != want || (err != nil) != wantErr {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
		if err != nil && (!errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "auto, clb, alb, nlb, alb-conn")) {
			t.Errorf("ParseFormat(%q) error %q does not name the valid values", in, err)
		}
	}
	f("", Auto, false)
	f("auto", Auto, false)
	f("ALB", ALB, false)
	f("alb-conn", ALBConn, false)
	f("nlb", NLB, false)
	f("clb", CLB, false)
	f("elb", "", true)
}

func TestDetect(t *testing.T) {
	for _, c := range loadCases(t, "testdata/cases.jsonl") {
		if c.Format == "skip" {
			continue
		}
		if got := detect(c.Line); got != Format(c.Format) {
			t.Errorf("%s: detected %q, want %q", c.ID, got, c.Format)
		}
	}
}

// TestWrongFormat checks that forcing a layout on another layout's line is
// an error naming a field, never a wrong event.
func TestWrongFormat(t *testing.T) {
	lines := map[Format]string{CLB: benchCLB, ALB: benchALB, NLB: benchNLB,
		ALBConn: `2024-11-29T13:45:24.599544Z 172.31.43.26 58206 80 - - - "-" - - - TID_16132ed0b4112148`}
	for lineFormat, line := range lines {
		for f := range lines {
			_, err := NewParser(Options{Format: f}).Parse([]byte(line))
			if (err == nil) != (f == lineFormat) {
				t.Errorf("%s line parsed as %s: err = %v", lineFormat, f, err)
			}
			if err != nil && (!errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "field")) {
				t.Errorf("%s line as %s: error %q does not name a field", lineFormat, f, err)
			}
		}
	}
}

func TestNewParserFormatSpelling(t *testing.T) {
	for _, f := range []Format{"ALB", "Alb", "", "bogus"} {
		e, err := NewParser(Options{Format: f}).Parse([]byte(benchALB))
		if err != nil || e.String("aws.elb.type") != "https" {
			t.Errorf("format %q: %v, %v", f, e, err)
		}
	}
}

// TestALBNeverTCP checks that an ALB line without status codes or request
// keeps its byte counts as HTTP body sizes: only CLB has TCP listeners.
func TestALBNeverTCP(t *testing.T) {
	line := `http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - -1 -1 -1 - - 10 20 "- - -" "-" - - - "-" "-" "-" 0 2018-11-30T22:22:48.364000Z "-" "-" "-"`
	e, err := NewParser(Options{}).Parse([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := e.Get("http.request.body.bytes"); v != json.Number("10") || e.String("aws.elb.protocol") != "http" {
		t.Errorf("ALB line treated as TCP: %v", e)
	}
}

func TestTrailingBlanks(t *testing.T) {
	e, err := NewParser(Options{}).Parse([]byte(benchCLB + " \t\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := e.String("event.original"); got != benchCLB {
		t.Errorf("event.original = %q, want the line without trailing blanks", got)
	}
}

func TestOmitOriginal(t *testing.T) {
	e, err := NewParser(Options{OmitOriginal: true}).Parse([]byte(benchALB))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.Get("event.original"); ok {
		t.Error("event.original present with OmitOriginal")
	}
}

// TestNormalizeTimestamps checks that event.Normalize reads every timestamp
// form the parsers emit as the instant the log means (UTC), including NLB's
// form without fraction and zone.
func TestNormalizeTimestamps(t *testing.T) {
	for _, file := range []string{"testdata/cases.jsonl", "testdata/more_cases.jsonl"} {
		for _, c := range loadCases(t, file) {
			if c.Format == "skip" {
				continue
			}
			e, err := NewParser(Options{}).Parse([]byte(c.Line))
			if err != nil {
				t.Fatalf("%s: %v", c.ID, err)
			}
			text := e.String("@timestamp")
			want, err := time.Parse("2006-01-02T15:04:05.999999999", strings.TrimSuffix(text, "Z"))
			if err != nil {
				t.Fatalf("%s: %v", c.ID, err)
			}
			now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
			if got := event.Normalize(e, now); !got.Equal(want) {
				t.Errorf("%s: Normalize read %q as %v, want %v", c.ID, text, got, want)
			}
		}
	}
}

// TestConcurrentUse runs one Parser from many goroutines (meaningful under -race).
func TestConcurrentUse(t *testing.T) {
	p := NewParser(Options{})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			for _, line := range []string{benchALB, benchCLB, benchNLB} {
				for j := 0; j < 50; j++ {
					if _, err := p.Parse([]byte(line)); err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestScanErrors(t *testing.T) {
	f := func(line, want string) {
		t.Helper()
		_, err := NewParser(Options{}).Parse([]byte(line))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", line, err, want)
		}
	}
	f("", "empty line")
	f(strings.Replace(benchALB, `"curl/7.46.0"`, `"curl/7.46.0`, 1), "closing quote")
	f(strings.Replace(benchALB, " 200 200 ", " 200  200 ", 1), "empty field")
	f(strings.Replace(benchALB, `"GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90`, `"GET / HTTP/1.1"`, 1), "an ALB line has at least 18")
	f(strings.Replace(benchCLB, "192.168.131.39:2817", "192.168.131.39:99999", 1), "clb field 3 (client:port)")
	f(strings.Replace(benchCLB, " 200 200 ", " 200 OK ", 1), "clb field 9 (backend_status_code)")
	f(strings.Replace(benchALB, " 1 2018-07-02T22:22:48.364000Z", " x 2018-07-02T22:22:48.364000Z", 1), "alb field 21 (matched_rule_priority)")
	f(strings.Replace(benchNLB, " 98 246 ", " 98 -5 ", 1), "nlb field 11 (sent_bytes)")
	f(benchCLB[:strings.LastIndexByte(benchCLB, ' ')], "ssl_protocol is missing")
}
