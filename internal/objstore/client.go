package objstore

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/logstack/logstack/internal/logfile"
)

// Client reads objects from one S3 endpoint. It is safe for concurrent use.
type Client struct {
	s3  *s3.Client
	log *slog.Logger
}

// New returns a Client for cfg. It resolves credentials lazily: a missing
// credential shows up on the first request, named in its error.
func New(ctx context.Context, cfg Config, logger *slog.Logger) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var opts []func(*awsconfig.LoadOptions) error
	if cfg.Region != "" {
		opts = append(opts, awsconfig.WithRegion(cfg.Region))
	}
	if cfg.AccessKeyID != "" {
		opts = append(opts, awsconfig.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(cfg.AccessKeyID, cfg.SecretAccessKey, cfg.SessionToken)))
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("objstore: aws config: %w", err)
	}
	if awsCfg.Region == "" {
		awsCfg.Region = "us-east-1"
	}
	client := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
		o.UsePathStyle = cfg.PathStyle
		// Checksums only where S3 requires them: S3-compatible stores
		// differ in which trailing checksums they accept, and objects
		// without one would log a warning per GetObject.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	return &Client{s3: client, log: logger.With("component", "objstore")}, nil
}

// S3 returns the underlying SDK client, for callers that need more than
// reading (tests uploading fixtures, notification set-up).
func (c *Client) S3() *s3.Client { return c.s3 }

// Open streams obj's body. A VersionID pins that version, an ETag is
// checked (If-Match), so that a notification for an object that has since
// been overwritten fails with ErrNotFound instead of reading other data
// under the first version's event ids.
func (c *Client) Open(ctx context.Context, obj logfile.Object) (io.ReadCloser, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(obj.Bucket), Key: aws.String(obj.Key)}
	if obj.VersionID != "" {
		in.VersionId = aws.String(obj.VersionID)
	}
	if etag := strings.Trim(obj.ETag, `"`); etag != "" {
		in.IfMatch = aws.String(`"` + etag + `"`)
	}
	out, err := c.s3.GetObject(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", obj, classify(err))
	}
	return out.Body, nil
}

// List calls fn for every object under prefix, in key order, page by page;
// an error from fn stops the listing and is returned.
func (c *Client) List(ctx context.Context, bucket, prefix string, fn func(logfile.Object) error) error {
	pages := s3.NewListObjectsV2Paginator(c.s3, &s3.ListObjectsV2Input{
		Bucket: aws.String(bucket),
		Prefix: aws.String(prefix),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list s3://%s/%s: %w", bucket, prefix, classify(err))
		}
		for _, o := range page.Contents {
			obj := logfile.Object{Bucket: bucket, Key: aws.ToString(o.Key), ETag: aws.ToString(o.ETag), Size: aws.ToInt64(o.Size)}
			if err := fn(obj); err != nil {
				return err
			}
		}
	}
	return nil
}
