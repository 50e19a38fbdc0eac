package config

import (
	"net/url"
	"strconv"
	"strings"
	"time"
)

// S3 configures the client logstack reads log objects with (AWS S3 or an
// S3-compatible store such as MinIO); the SQS input uses its region and
// credentials too.
type S3 struct {
	// Endpoint is the base URL of an S3-compatible store; empty means AWS.
	Endpoint string `yaml:"endpoint"`
	// Region of the buckets (and the SQS queue); empty takes AWS_REGION,
	// else us-east-1.
	Region string `yaml:"region"`
	// PathStyle addresses buckets as endpoint/bucket, as MinIO needs.
	PathStyle bool `yaml:"path_style"`
	// AccessKeyID and SecretAccessKey are static credentials, written as
	// ${VAR} or given through the *_file keys; when unset the AWS default
	// chain applies (environment, shared files, instance or task role).
	AccessKeyID     Secret `yaml:"access_key_id"`
	SecretAccessKey Secret `yaml:"secret_access_key"`
	// AccessKeyIDFile and SecretAccessKeyFile hold the credentials, one
	// line each; Load reads them into the fields above.
	AccessKeyIDFile     string `yaml:"access_key_id_file"`
	SecretAccessKeyFile string `yaml:"secret_access_key_file"`
}

// SQSInput configures the consumer of S3 event notifications from SQS.
type SQSInput struct {
	// Enabled starts the consumer.
	Enabled bool `yaml:"enabled"`
	// QueueURL is the queue's URL, e.g.
	// https://sqs.eu-west-1.amazonaws.com/123456789012/alb-logs.
	QueueURL string `yaml:"queue_url"`
	// Endpoint overrides the SQS endpoint (VPC endpoint, test server).
	Endpoint string `yaml:"endpoint"`
	// WaitTime is the long-polling wait (at most 20s).
	WaitTime Duration `yaml:"wait_time"`
	// VisibilityTimeout hides a received message from other consumers; it
	// is extended while a large object is processed.
	VisibilityTimeout Duration `yaml:"visibility_timeout"`
	// MaxReceiveCount dead-letters a message received more often; 0 never
	// does (leave it to the queue's redrive policy).
	MaxReceiveCount int `yaml:"max_receive_count"`
	// Concurrency is how many messages are processed at once.
	Concurrency int `yaml:"concurrency"`
}

// S3WebhookInput configures POST endpoint for S3-compatible bucket
// notifications (MinIO) and SNS HTTP/S subscriptions.
type S3WebhookInput struct {
	// Enabled mounts the endpoint on the HTTP server.
	Enabled bool `yaml:"enabled"`
	// Path is the URL path.
	Path string `yaml:"path"`
	// Auth guards MinIO requests (SNS requests are checked by signature).
	Auth Auth `yaml:"auth"`
	// SNSTopics are the SNS topic ARNs whose messages are accepted; none
	// refuses SNS.
	SNSTopics []string `yaml:"sns_topics"`
}

// defaultS3Inputs are the defaults of the S3 inputs (both off).
func defaultS3Inputs(in *Inputs) {
	in.SQS = SQSInput{
		WaitTime:          Duration(20 * time.Second),
		VisibilityTimeout: Duration(5 * time.Minute),
		MaxReceiveCount:   5,
		Concurrency:       4,
	}
	in.S3Webhook = S3WebhookInput{Path: "/s3/notify"}
}

// reservedPaths are served by logstack itself; the webhook must not
// shadow them.
var reservedPaths = []string{"/", "/ingest", "/_bulk", "/healthz", "/readyz", "/metrics"}

func (v *validator) s3() {
	s := v.c.S3
	v.httpURL("s3.endpoint", s.Endpoint)
	if (s.AccessKeyID == "") != (s.SecretAccessKey == "") {
		v.fail("s3.access_key_id", "set both access_key_id and secret_access_key (or their _file keys), or neither")
	}
	q := v.c.Inputs.SQS
	if q.Enabled {
		if q.QueueURL == "" {
			v.fail("inputs.sqs.queue_url", "must be set when inputs.sqs.enabled is true")
		}
		v.httpURL("inputs.sqs.queue_url", q.QueueURL)
	}
	v.httpURL("inputs.sqs.endpoint", q.Endpoint)
	if q.WaitTime < 0 || q.WaitTime.Std() > 20*time.Second || q.WaitTime.Std()%time.Second != 0 {
		v.fail("inputs.sqs.wait_time", "%s must be whole seconds from 0s to 20s", q.WaitTime)
	}
	if q.VisibilityTimeout.Std() < 3*time.Second || q.VisibilityTimeout.Std() > 12*time.Hour {
		v.fail("inputs.sqs.visibility_timeout", "%s must be from 3s to 12h", q.VisibilityTimeout)
	}
	if q.MaxReceiveCount < 0 {
		v.fail("inputs.sqs.max_receive_count", "must not be negative (0 leaves it to the queue's redrive policy)")
	}
	v.positiveInt("inputs.sqs.concurrency", q.Concurrency)
	v.s3Webhook()
}

func (v *validator) s3Webhook() {
	w := v.c.Inputs.S3Webhook
	switch {
	case !strings.HasPrefix(w.Path, "/") || strings.ContainsAny(w.Path, " {}?#"):
		v.fail("inputs.s3_webhook.path", "%q must start with '/' and hold no spaces, '{', '}', '?' or '#'", w.Path)
	case containsString(reservedPaths, w.Path) || strings.HasPrefix(w.Path, "/api/") || strings.HasSuffix(w.Path, "/_bulk"):
		v.fail("inputs.s3_webhook.path", "%q is taken by another endpoint", w.Path)
	}
	v.auth("inputs.s3_webhook.auth", w.Auth)
	for i, arn := range w.SNSTopics {
		if p := strings.Split(arn, ":"); len(p) != 6 || p[0] != "arn" || p[2] != "sns" || p[5] == "" {
			v.fail("inputs.s3_webhook.sns_topics["+strconv.Itoa(i)+"]", "%q is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)", arn)
		}
	}
}

// httpURL checks an optional http(s) URL.
func (v *validator) httpURL(path, raw string) {
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.fail(path, "%q is not an http(s) URL with a host", raw)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readS3Files fills the S3 credentials from their files, so the rest of
// logstack only reads the Secret fields.
func readS3Files(c *Config) []error {
	var probs []error
	read := func(path string, file string, into *Secret) {
		if file == "" {
			return
		}
		if *into != "" {
			probs = append(probs, c.problem(path+"_file", errorf(ErrInvalid, "set only one of %s and %s_file", path, path)))
			return
		}
		raw, err := readFile(c.AbsPath(file))
		if err != nil {
			probs = append(probs, c.problem(path+"_file", errorf(ErrInvalid, "cannot read file: %v", err)))
			return
		}
		val := strings.TrimSpace(string(raw))
		if val == "" || strings.ContainsAny(val, "\r\n") {
			probs = append(probs, c.problem(path+"_file", errorf(ErrInvalid, "file must hold exactly one non-empty line")))
			return
		}
		*into = Secret(val)
	}
	read("s3.access_key_id", c.S3.AccessKeyIDFile, &c.S3.AccessKeyID)
	read("s3.secret_access_key", c.S3.SecretAccessKeyFile, &c.S3.SecretAccessKey)
	return probs
}
