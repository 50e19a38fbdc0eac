package sqsin

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// ClientConfig says how to reach SQS.
type ClientConfig struct {
	// Region of the queue, e.g. "eu-west-1"; empty takes AWS_REGION, else
	// the region in an AWS queue URL, else us-east-1.
	Region string
	// QueueURL is only read for its region.
	QueueURL string
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
	var opts []func(*awsconfig.LoadOptions) error
	if cfg.Region != "" {
		opts = append(opts, awsconfig.WithRegion(cfg.Region))
	}
	if cfg.AccessKeyID != "" {
		opts = append(opts, awsconfig.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(cfg.AccessKeyID, cfg.SecretAccessKey, "")))
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("sqs client: %w", err)
	}
	if awsCfg.Region == "" {
		awsCfg.Region = regionOf(cfg.QueueURL)
	}
	return sqs.NewFromConfig(awsCfg, func(o *sqs.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
	}), nil
}

// regionOf reads the region from an AWS queue URL
// (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME), else us-east-1.
func regionOf(queueURL string) string {
	u, err := url.Parse(queueURL)
	if err == nil {
		if p := strings.Split(u.Hostname(), "."); len(p) >= 4 && p[0] == "sqs" && p[2] == "amazonaws" {
			return p[1]
		}
	}
	return "us-east-1"
}
