package elasticsearch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
)

// authenticator adds credentials to a request whose body is body.
type authenticator interface {
	apply(ctx context.Context, req *http.Request, body []byte) error
}

// newAuthenticator picks the one configured scheme (config validation
// allows only one).
func newAuthenticator(ctx context.Context, o Options) (authenticator, error) {
	switch {
	case o.AWSRegion != "":
		creds := o.AWSCredentials
		if creds == nil {
			cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion(o.AWSRegion))
			if err != nil {
				return nil, fmt.Errorf("load aws credentials: %w", err)
			}
			creds = cfg.Credentials
		}
		return &sigV4{creds: creds, region: o.AWSRegion, service: o.AWSService, signer: v4.NewSigner()}, nil
	case o.APIKey != "":
		return headerAuth{"ApiKey " + o.APIKey}, nil
	case o.Username != "":
		return basicAuth{o.Username, o.Password}, nil
	}
	return noAuth{}, nil
}

type noAuth struct{}

func (noAuth) apply(context.Context, *http.Request, []byte) error { return nil }

type basicAuth struct{ user, pass string }

func (b basicAuth) apply(_ context.Context, req *http.Request, _ []byte) error {
	req.SetBasicAuth(b.user, b.pass)
	return nil
}

type headerAuth struct{ value string }

func (h headerAuth) apply(_ context.Context, req *http.Request, _ []byte) error {
	req.Header.Set("Authorization", h.value)
	return nil
}

// sigV4 signs requests for Amazon OpenSearch Service ("es") and
// OpenSearch Serverless ("aoss", which also wants the payload hash in
// X-Amz-Content-Sha256).
type sigV4 struct {
	creds           aws.CredentialsProvider
	region, service string
	signer          *v4.Signer
}

func (s *sigV4) apply(ctx context.Context, req *http.Request, body []byte) error {
	creds, err := s.creds.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("retrieve aws credentials: %w", err)
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if s.service == "aoss" {
		req.Header.Set("X-Amz-Content-Sha256", hash)
	}
	if err := s.signer.SignHTTP(ctx, creds, req, hash, s.service, s.region, time.Now().UTC()); err != nil {
		return fmt.Errorf("sign request: %w", err)
	}
	return nil
}
