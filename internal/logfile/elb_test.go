package logfile

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

const (
	albLine = `https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "-" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-"`
	albKey  = "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2018/07/02/123456789012_elasticloadbalancing_us-east-2_app.my-loadbalancer.50dc6c495c0c9188_20180702T2225Z_192.168.131.39_2x7xm1s2.log.gz"
)

func TestProcessLoadBalancerLog(t *testing.T) {
	var c collector
	p := NewProcessor(Config{OmitOriginal: true}, &c, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	body := gzipped(t, albLine+"\nnot a log line\n"+albLine+"\n")
	sum, err := p.Process(context.Background(), Object{Bucket: "logs", Key: albKey, ETag: "e"}, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Events != 3 || sum.BadLines != 1 || !strings.Contains(sum.Errors[0], albKey+":2: ") {
		t.Fatalf("summary %+v", sum)
	}
	e := c.events[0]
	for path, want := range map[string]string{
		"@timestamp": "2018-07-02T22:23:00.186641Z", "cloud.account.id": "123456789012", "cloud.region": "us-east-2",
		"aws.elb.name": "app/my-loadbalancer/50dc6c495c0c9188", "aws.s3.bucket.name": "logs", "url.original": "https://www.example.com:443/",
	} {
		if got := e.String(path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	if _, ok := e.Get("event.original"); ok {
		t.Error("event.original kept although OmitOriginal")
	}
	if c.events[1].String("cloud.region") != "us-east-2" || c.events[1].String("message") != "not a log line" {
		t.Errorf("failure event %v", c.events[1])
	}
}

func TestProcessSkipsControlObjectsAndLines(t *testing.T) {
	var c collector
	p := NewProcessor(Config{}, &c, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	f := func(obj Object, body string, skipped, events int) {
		t.Helper()
		sum, err := p.Process(context.Background(), obj, strings.NewReader(body))
		if err != nil || sum.Skipped != skipped || sum.Events != events || sum.BadLines != 0 {
			t.Fatalf("%v: summary %+v err %v", obj, sum, err)
		}
	}
	control := "Enable AccessLog for ELB: my-lb at 2026-12-04T10:00:00.000Z\n"
	f(Object{Bucket: "logs", Key: "AWSLogs/123456789012/ELBAccessLogTestFile"}, control, 1, 0)
	f(Object{Key: "/tmp/ELBAccessLogTestFile"}, control, 0, 0)
	f(Object{Key: "downloaded.log"}, albLine+"\n", 0, 1)
}

func TestConfigValidate(t *testing.T) {
	if err := (Config{Format: "elb2"}).Validate(); err == nil || !strings.Contains(err.Error(), "alb") {
		t.Fatalf("unknown format: %v", err)
	}
	if err := (Config{Format: "ALB"}).Validate(); err != nil {
		t.Fatal(err)
	}
}
