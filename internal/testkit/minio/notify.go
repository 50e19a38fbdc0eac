package minio

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// WebhookARN is the queue ARN MinIO gives the webhook target id (one of
// Options.Webhooks).
func WebhookARN(id string) string { return "arn:minio:sqs::" + strings.ToUpper(id) + ":webhook" }

// Notify subscribes bucket's object-created events (keys under prefix) to
// the webhook target id, the way an S3 bucket notification points at SQS.
func (s *Server) Notify(t testing.TB, bucket, id, prefix string) {
	t.Helper()
	qc := types.QueueConfiguration{
		QueueArn: aws.String(WebhookARN(id)),
		Events:   []types.Event{types.EventS3ObjectCreated},
	}
	if prefix != "" {
		qc.Filter = &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{
			FilterRules: []types.FilterRule{{Name: types.FilterRuleNamePrefix, Value: aws.String(prefix)}},
		}}
	}
	_, err := s.client.PutBucketNotificationConfiguration(context.Background(), &s3.PutBucketNotificationConfigurationInput{
		Bucket:                    aws.String(bucket),
		NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{qc}},
	})
	if err != nil {
		t.Fatalf("notify %s → webhook %s: %v", bucket, id, err)
	}
}
