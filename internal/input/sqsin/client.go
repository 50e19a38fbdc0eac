package sqsin

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// ClientConfig says how to reach SQS.
type ClientConfig struct {
	// Region of the queue, e.g. "eu-west-1".
	Region string
	// Endpoint overrides AWS's endpoint (a VPC endpoint, a test server);
	// empty uses the region's.
	Endpoint string
	// AccessKeyID and SecretAccessKey are static credentials; when empty
	// the SDK's default chain applies (environment, shared files, instance
	// or task role).
	AccessKeyID, SecretAccessKey string
}

// NewClient returns an SQS client for cfg.
func NewClient(ctx context.Context, cfg ClientConfig) (*sqs.Client, error) {
	opts := []func(*awsconfig.LoadOptions) error{awsconfig.WithRegion(cfg.Region)}
	if cfg.AccessKeyID != "" {
		opts = append(opts, awsconfig.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(cfg.AccessKeyID, cfg.SecretAccessKey, "")))
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("sqs client: %w", err)
	}
	return sqs.NewFromConfig(awsCfg, func(o *sqs.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
	}), nil
}
