package elb

import (
	"testing"
	"time"
)

// reportCPU reports lines per second of wall time and, on a shared host
// where other processes take turns on the core, lines per second of the
// process's own CPU time (user+system, GC included): the per-core rate.
func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	if cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "lines/cpu-s")
	}
}

// Lines from the AWS documentation examples (CLB "Example HTTPS entry",
// ALB "HTTPS entry" with the 2024 fields) and the NLB TLS example.
const (
	benchCLB = `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2`
	benchALB = `https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90`
	benchNLB = `tls 2.0 2020-04-01T08:51:42 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com h2 h2 "h2","http/1.1" 2020-04-01T08:51:20`
)

func benchParse(b *testing.B, line string, o Options) {
	p := NewParser(o)
	in := []byte(line)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := p.Parse(in); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpuTime()-cpu0)
}

func BenchmarkParseALB(b *testing.B)         { benchParse(b, benchALB, Options{}) }
func BenchmarkParseALBExplicit(b *testing.B) { benchParse(b, benchALB, Options{Format: ALB}) }
func BenchmarkParseALBNoOriginal(b *testing.B) {
	benchParse(b, benchALB, Options{OmitOriginal: true})
}
func BenchmarkParseCLB(b *testing.B) { benchParse(b, benchCLB, Options{}) }
func BenchmarkParseNLB(b *testing.B) { benchParse(b, benchNLB, Options{}) }

// BenchmarkNestedMapFloor rebuilds the maps of a parsed ALB event without
// parsing anything: the cost of the nested event shape itself, which is
// most of BenchmarkParseALB.
func BenchmarkNestedMapFloor(b *testing.B) {
	e, err := NewParser(Options{}).Parse([]byte(benchALB))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		copyMaps(e)
	}
}

func copyMaps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if c, ok := v.(map[string]any); ok {
			v = copyMaps(c)
		}
		out[k] = v
	}
	return out
}

func benchAppendJSON(b *testing.B, line string, o Options, x *Extra) {
	p := NewParser(o)
	in := []byte(line)
	var buf []byte
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		var err error
		if buf, err = p.AppendJSONWith(buf[:0], in, x); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpuTime()-cpu0)
}

func BenchmarkAppendJSONALB(b *testing.B) { benchAppendJSON(b, benchALB, Options{}, nil) }
func BenchmarkAppendJSONCLB(b *testing.B) { benchAppendJSON(b, benchCLB, Options{}, nil) }
func BenchmarkAppendJSONNLB(b *testing.B) { benchAppendJSON(b, benchNLB, Options{}, nil) }

// BenchmarkAppendJSONALBExtra is the ingest path: object-key fields, S3
// location, offset, a caller's event id and a normalized @timestamp.
func BenchmarkAppendJSONALBExtra(b *testing.B) {
	benchAppendJSON(b, benchALB, Options{}, &Extra{
		Key:    ObjectKey{Account: "123456789012", Region: "us-east-2", LoadBalancer: "app/my-loadbalancer/50dc6c495c0c9188"},
		Bucket: "my-log-bucket", Object: "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2018/07/02/x.log.gz",
		Offset: 123456, HasOffset: true, EventID: "01hq3z5c8v6f2m8k9w3x4y5z6a", Normalized: true,
	})
}
