package config

import (
	"strings"
	"testing"
	"time"
)

func TestS3Config(t *testing.T) {
	cfg, err, _ := loadFiles(t, map[string]string{
		"logstack.yaml": `s3:
  endpoint: http://minio:9000
  path_style: true
  access_key_id_file: secrets/id
  secret_access_key: ${S3_SECRET}
inputs:
  sqs: {enabled: true, queue_url: "https://sqs.eu-west-1.amazonaws.com/1/alb", concurrency: 8, wait_time: 10s}
  s3_webhook:
    enabled: true
    auth: {api_keys: ["${HOOK_KEY}"]}
    sns_topics: ["arn:aws:sns:eu-west-1:123456789012:alb-logs"]
`,
		"secrets/id": "AKIDEXAMPLE\n",
	}, "", map[string]string{"S3_SECRET": "s3cr3t", "HOOK_KEY": "k"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.S3.AccessKeyID.Value() != "AKIDEXAMPLE" || cfg.S3.SecretAccessKey.Value() != "s3cr3t" || !cfg.S3.PathStyle {
		t.Errorf("s3 = %+v", cfg.S3)
	}
	q := cfg.Inputs.SQS
	if q.Concurrency != 8 || q.WaitTime.Std() != 10*time.Second || q.VisibilityTimeout.Std() != 5*time.Minute || q.MaxReceiveCount != 5 {
		t.Errorf("sqs = %+v", q)
	}
	if w := cfg.Inputs.S3Webhook; w.Path != "/s3/notify" || len(w.SNSTopics) != 1 || !w.Auth.Enabled() {
		t.Errorf("s3_webhook = %+v", w)
	}

	_, err, dir := loadFiles(t, map[string]string{"logstack.yaml": "s3:\n  secret_access_key: plain-text\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{{"logstack.yaml:2:22 s3.secret_access_key", ErrLiteralSecret}})

	_, err, dir = loadFiles(t, map[string]string{"logstack.yaml": "inputs:\n  sqs:\n    enabled: true\n    wait_time: 30s\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{
		{"logstack.yaml:2:3 inputs.sqs.queue_url", ErrInvalid},
		{"logstack.yaml:4:5 inputs.sqs.wait_time", ErrInvalid},
	})

	_, err, dir = loadFiles(t, map[string]string{"logstack.yaml": "s3:\n  access_key_id_file: nope\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{{"logstack.yaml:2:3 s3.access_key_id_file", ErrInvalid}})
}

func TestValidateS3(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   []string
	}{
		{"valid minio", func(c *Config) {
			c.S3 = S3{Endpoint: "http://127.0.0.1:9000", PathStyle: true, AccessKeyID: "a", SecretAccessKey: "b"}
		}, nil},
		{"endpoint", func(c *Config) { c.S3.Endpoint = "minio:9000" }, []string{"s3.endpoint"}},
		{"half credentials", func(c *Config) { c.S3.AccessKeyID = "a" }, []string{"s3.access_key_id"}},
		{"sqs", func(c *Config) {
			c.Inputs.SQS = SQSInput{Enabled: true, QueueURL: "sqs/alb", Endpoint: "x", WaitTime: Duration(1500 * time.Millisecond),
				VisibilityTimeout: Duration(time.Second), MaxReceiveCount: -1}
		}, []string{"inputs.sqs.queue_url", "inputs.sqs.endpoint", "inputs.sqs.wait_time", "inputs.sqs.visibility_timeout", "inputs.sqs.max_receive_count", "inputs.sqs.concurrency"}},
		{"webhook path taken", func(c *Config) { c.Inputs.S3Webhook.Path = "/ingest" }, []string{"inputs.s3_webhook.path"}},
		{"webhook path shape", func(c *Config) { c.Inputs.S3Webhook.Path = "s3" }, []string{"inputs.s3_webhook.path"}},
		{"topic arn", func(c *Config) { c.Inputs.S3Webhook.SNSTopics = []string{"arn:aws:sns:eu-west-1:1:t", "alb-logs"} }, []string{"inputs.s3_webhook.sns_topics[1]"}},
	}
	for _, tt := range tests {
		c := Default()
		tt.change(c)
		var got []string
		for _, p := range Problems(c.Validate()) {
			got = append(got, p.Path)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: problems at %q, want %q", tt.name, got, tt.want)
		}
	}
}
