package elb

import (
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
)

func TestParseObjectKey(t *testing.T) {
	at := func(s string) time.Time {
		tt, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tt
	}
	f := func(key string, want ObjectKey, wantOK bool) {
		t.Helper()
		got, ok := ParseObjectKey(key)
		if ok != wantOK || got != want {
			t.Errorf("ParseObjectKey(%q)\n = %+v, %v\nwant %+v, %v", key, got, ok, want, wantOK)
		}
		if reason := SkipReason(key); (reason == "") != wantOK {
			t.Errorf("SkipReason(%q) = %q, but ParseObjectKey ok = %v", key, reason, ok)
		}
	}
	// Keys from public bug reports and the AWS documentation (testdata/keys.txt says where).
	f("alb/access/dev/gitlab/AWSLogs/122796619775/elasticloadbalancing/us-east-1/2023/02/07/122796619775_elasticloadbalancing_us-east-1_app.azul-gitlab-alb.c051f98624e68d7e_20230207T0135Z_172.71.1.176_jm0mfogh.log.gz",
		ObjectKey{Account: "122796619775", Region: "us-east-1", LoadBalancer: "app/azul-gitlab-alb/c051f98624e68d7e", FileTime: at("2023-02-07T01:35:00Z"), IP: "172.71.1.176"}, true)
	f("<HIDDEN>/AWSLogs/054713022081/elasticloadbalancing/us-east-1/2020/10/05/054713022081_elasticloadbalancing_us-east-1_a0b2c6790a64b11eaa5a30e9585490a4_20201005T1040Z_3.209.47.101_2k3ja3me.log",
		ObjectKey{Account: "054713022081", Region: "us-east-1", LoadBalancer: "a0b2c6790a64b11eaa5a30e9585490a4", FileTime: at("2020-10-05T10:40:00Z"), IP: "3.209.47.101"}, true)
	f("s3://amzn-s3-demo-logging-bucket/logging-prefix/AWSLogs/123456789012/elasticloadbalancing/us-west-2/2014/02/15/123456789012_elasticloadbalancing_us-west-2_my-loadbalancer_20140215T2340Z_172.160.001.192_20sg8hgm.log",
		ObjectKey{Account: "123456789012", Region: "us-west-2", LoadBalancer: "my-loadbalancer", FileTime: at("2014-02-15T23:40:00Z"), IP: "172.160.001.192"}, true)
	f("AWSLogs/123456789012/elasticloadbalancing/us-east-2/2016/05/01/123456789012_elasticloadbalancing_us-east-2_net.my-loadbalancer.1234567890abcdef_20160501T0000Z_randomstring.log.gz",
		ObjectKey{Account: "123456789012", Region: "us-east-2", LoadBalancer: "net/my-loadbalancer/1234567890abcdef", FileTime: at("2016-05-01T00:00:00Z")}, true)
	f("AWSLogs/123456789012/elasticloadbalancing/us-east-2/2016/05/01/123456789012_elasticloadbalancing_us-east-2_net.my-loadbalancer.1234567890abcdef_201605010000Z_randomstring.log.gz",
		ObjectKey{Account: "123456789012", Region: "us-east-2", LoadBalancer: "net/my-loadbalancer/1234567890abcdef", FileTime: at("2016-05-01T00:00:00Z")}, true)
	// Connection logs: "conn_log_" in practice, "conn_log." in the AWS documentation.
	// The reported key (grafana/lambda-promtail#23) was anonymised with x's; digits put back.
	for _, sep := range []string{"_", "."} {
		f("AWSLogs/347414000000/elasticloadbalancing/eu-central-1/2024/02/07/conn_log"+sep+"347414000000_elasticloadbalancing_eu-central-1_app.my-alb.5ede558f4b0e97a9_20240207T0955Z_10.43.1.2_b38hdhc6.log.gz",
			ObjectKey{Account: "347414000000", Region: "eu-central-1", LoadBalancer: "app/my-alb/5ede558f4b0e97a9", FileTime: at("2024-02-07T09:55:00Z"), IP: "10.43.1.2"}, true)
	}
	// Not log objects.
	for _, key := range []string{
		"",
		"AWSLogs/123456789012/ELBAccessLogTestFile",
		"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2023/02/07/",
		"AWSLogs/347414xxxxxx/elasticloadbalancing/eu-central-1/2024/02/07/conn_log_347414xxxxxx_elasticloadbalancing_eu-central-1_app.xxxxxxxxx.5ede558f4b0e97a9_20240207T0955Z_10.43.xxx.xxx_b38hdhc6.log.gz",
		"AWSLogs/122796619775/elasticloadbalancing/us-east-1/2023/02/07/999999999999_elasticloadbalancing_us-east-1_app.a.b_20230207T0135Z_172.71.1.176_x.log.gz",
		"AWSLogs/122796619775/elasticloadbalancing/us-east-1/2023/02/07/122796619775_elasticloadbalancing_us-east-1_app.a.b_20230207T0135Z_172.71.1.176_x.txt",
		"AWSLogs/122796619775/elasticloadbalancing/us-east-1/2023/02/07/122796619775_elasticloadbalancing_us-east-1_app.a.b_2023-02-07_172.71.1.176_x.log",
		"AWSLogs/122796619775/CloudTrail/us-east-1/2023/02/07/122796619775_CloudTrail_us-east-1_20230207T0135Z_abc.json.gz",
		"myAWSLogs/122796619775/elasticloadbalancing/us-east-1/2023/02/07/122796619775_elasticloadbalancing_us-east-1_app.a.b_20230207T0135Z_172.71.1.176_x.log",
	} {
		f(key, ObjectKey{}, false)
	}
}

func TestSkipReason(t *testing.T) {
	f := func(key, wantSubstr string) {
		t.Helper()
		if got := SkipReason(key); !strings.Contains(got, wantSubstr) || (wantSubstr == "" && got != "") {
			t.Errorf("SkipReason(%q) = %q, want it to mention %q", key, got, wantSubstr)
		}
	}
	f("AWSLogs/123456789012/ELBAccessLogTestFile", "ELBAccessLogTestFile")
	f("prefix/AWSLogs/123456789012/elasticloadbalancing/", "folder")
	f("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2025/01/01/health_check_log_123456789012_elasticloadbalancing_us-east-1_app.a.b_20250101T0000Z_10.0.0.1_x.log.gz", "health-check")
	f("AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2025/01/01/x.json.gz", "digest")
	f("notes/readme.txt", "not a load-balancer log object key")
	f("AWSLogs/627959692251/elasticloadbalancing/us-east-1/2019/10/15/627959692251_elasticloadbalancing_us-east-1_app.andrewvc-elbv2-test.8e858b04373118d3_20191015T1405Z_3.224.132.43_39xza92o.log.gz", "")
}

func TestKeyFormat(t *testing.T) {
	if got := KeyFormat("AWSLogs/1/elasticloadbalancing/r/2024/02/07/conn_log_x.log.gz"); got != ALBConn {
		t.Errorf("connection log key: %s", got)
	}
	if got := KeyFormat("AWSLogs/1/elasticloadbalancing/r/2024/02/07/1_elasticloadbalancing_x.log.gz"); got != Auto {
		t.Errorf("access log key: %s", got)
	}
}

func TestObjectKeyFields(t *testing.T) {
	k := ObjectKey{Account: "123456789012", Region: "us-east-2", LoadBalancer: "app/my-lb/1"}
	e := event.Event{}
	k.Fields(e)
	for path, want := range map[string]string{"cloud.provider": "aws", "cloud.account.id": "123456789012", "cloud.region": "us-east-2", "aws.elb.name": "app/my-lb/1"} {
		if got := e.String(path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	// The line's own name wins over the key's, and existing objects are kept.
	e, err := NewParser(Options{}).Parse([]byte(benchALB))
	if err != nil {
		t.Fatal(err)
	}
	k.Fields(e)
	if got := e.String("aws.elb.name"); got != "app/my-loadbalancer/50dc6c495c0c9188" {
		t.Errorf("aws.elb.name = %q, want the line's", got)
	}
	if got := e.String("aws.elb.type"); got != "https" {
		t.Errorf("aws.elb.type lost: %q", got)
	}
	if got := e.String("cloud.region"); got != "us-east-2" {
		t.Errorf("cloud.region = %q", got)
	}
}
