package elb

import (
	"path"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/event"
)

// ObjectKey is what the AWS S3 key layout of a load-balancer log object says:
//
//	[prefix/]AWSLogs/<account>/elasticloadbalancing/<region>/<yyyy>/<mm>/<dd>/<account>_elasticloadbalancing_<region>_<lb-id>_<end-time>_<ip>_<random>.log[.gz]
//
// ALB connection logs put "conn_log." (in practice "conn_log_") in front of
// the file name, and NLB objects have no <ip>. An S3 reader uses it to label
// events and to order objects by the end of the interval they cover.
type ObjectKey struct {
	// Account is the 12-digit AWS account id that owns the load balancer.
	Account string
	// Region is the load balancer's region, e.g. us-east-2.
	Region string
	// LoadBalancer is the load balancer as access-log lines name it:
	// "my-loadbalancer" (CLB), "app/my-lb/50dc6c495c0c9188" (ALB),
	// "net/my-lb/c6e77e28c25b2234" (NLB); the key writes the slashes as dots.
	LoadBalancer string
	// FileTime is the end of the interval the object covers (UTC, minutes).
	FileTime time.Time
	// IP is the load-balancer node that wrote the object; "" for NLB.
	IP string
}

const (
	keyTimeLayout    = "20060102T1504Z"
	keyTimeLayoutNoT = "200601021504Z"
)

// ParseObjectKey returns the fields of a log object's key; ok is false when
// the key is not a load-balancer log object.
func ParseObjectKey(key string) (k ObjectKey, ok bool) {
	i := strings.LastIndex(key, "AWSLogs/")
	if i < 0 || (i > 0 && key[i-1] != '/') {
		return ObjectKey{}, false
	}
	dirs := strings.Split(key[i+len("AWSLogs/"):], "/")
	if len(dirs) != 7 || dirs[1] != "elasticloadbalancing" || !isAccount(dirs[0]) || dirs[2] == "" {
		return ObjectKey{}, false
	}
	if len(dirs[3]) != 4 || len(dirs[4]) != 2 || len(dirs[5]) != 2 || !allDigits(dirs[3]+dirs[4]+dirs[5]) {
		return ObjectKey{}, false
	}
	name, isLog := trimLogSuffix(dirs[6])
	if !isLog {
		return ObjectKey{}, false
	}
	name = trimConnPrefix(name)
	parts := strings.Split(name, "_")
	if len(parts) != 6 && len(parts) != 7 {
		return ObjectKey{}, false
	}
	if parts[0] != dirs[0] || parts[1] != "elasticloadbalancing" || parts[2] != dirs[2] || parts[3] == "" || parts[len(parts)-1] == "" {
		return ObjectKey{}, false
	}
	t, err := time.Parse(keyTimeLayout, parts[4])
	if err != nil {
		// The NLB documentation's example writes the time without the T.
		if t, err = time.Parse(keyTimeLayoutNoT, parts[4]); err != nil {
			return ObjectKey{}, false
		}
	}
	k = ObjectKey{Account: dirs[0], Region: dirs[2], LoadBalancer: strings.ReplaceAll(parts[3], ".", "/"), FileTime: t}
	if len(parts) == 7 {
		if !isKeyIP(parts[5]) {
			return ObjectKey{}, false
		}
		k.IP = parts[5]
	}
	return k, true
}

// KeyFormat returns the layout a log object's lines have when its key says
// so (ALBConn for connection logs) and Auto otherwise.
func KeyFormat(key string) Format {
	if strings.HasPrefix(path.Base(key), "conn_log") {
		return ALBConn
	}
	return Auto
}

func trimLogSuffix(name string) (string, bool) {
	for _, suf := range [...]string{".log.gz", ".log"} {
		if s, ok := strings.CutSuffix(name, suf); ok {
			return s, true
		}
	}
	return name, false
}

func trimConnPrefix(name string) string {
	for _, pre := range [...]string{"conn_log.", "conn_log_"} {
		if s, ok := strings.CutPrefix(name, pre); ok {
			return s
		}
	}
	return name
}

// isKeyIP accepts the node address as keys write it; AWS's own CLB example
// (172.160.001.192) has leading zeros that net/netip rejects.
func isKeyIP(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return strings.ContainsAny(s, ".:")
}

func isAccount(s string) bool { return len(s) == 12 && allDigits(s) }

// SkipReason says why an object in a log bucket is not a log file ("" when
// it is one): the ELBAccessLogTestFile control object, folder markers,
// health-check logs, digests and anything else outside the key layout. A
// reader logs the reason once per object instead of failing on its lines.
func SkipReason(key string) string {
	base := path.Base(key)
	switch {
	case key == "" || strings.HasSuffix(key, "/"):
		return "folder marker"
	case base == "ELBAccessLogTestFile":
		return "ELBAccessLogTestFile control object written when access logging is enabled"
	case strings.HasPrefix(base, "health_check_log"):
		return "health-check log, not an access or connection log"
	case strings.HasSuffix(base, ".digest") || strings.Contains(key, "-Digest/"):
		return "digest object"
	}
	if _, ok := ParseObjectKey(key); !ok {
		return "not a load-balancer log object key (AWSLogs/<account>/elasticloadbalancing/<region>/<yyyy>/<mm>/<dd>/<account>_elasticloadbalancing_<region>_<lb>_<time>_..._<random>.log[.gz])"
	}
	return ""
}

// Fields sets the object key's fields on an event: cloud.provider,
// cloud.account.id, cloud.region, and aws.elb.name when the line did not
// name the load balancer. Filebeat's aws-s3 input sets the same cloud fields.
func (k ObjectKey) Fields(e event.Event) {
	e.Set("cloud.provider", "aws")
	if k.Account != "" {
		e.Set("cloud.account.id", k.Account)
	}
	if k.Region != "" {
		e.Set("cloud.region", k.Region)
	}
	if v, ok := e.Get("aws.elb.name"); (!ok || v == nil || v == "") && k.LoadBalancer != "" {
		e.Set("aws.elb.name", k.LoadBalancer)
	}
}
