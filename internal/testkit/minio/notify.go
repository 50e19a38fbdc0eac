package minio

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
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
	in := &s3.PutBucketNotificationConfigurationInput{
		Bucket:                    aws.String(bucket),
		NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{qc}},
	}
	// MinIO registers its webhook targets in the background after it
	// reports ready; until then the ARN is "not well-formed".
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	for {
		_, err := s.client.PutBucketNotificationConfiguration(ctx, in)
		var api smithy.APIError
		if err == nil {
			return
		}
		if !errors.As(err, &api) || api.ErrorCode() != "InvalidArgument" || ctx.Err() != nil {
			t.Fatalf("notify %s → webhook %s: %v", bucket, id, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
