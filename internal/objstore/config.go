package objstore

import (
	"errors"
	"net/url"
)

// Config says how to reach the store. The zero value is AWS S3 with the
// default credential chain (environment, shared config, the Lambda or
// instance role) and the region from the environment.
type Config struct {
	// Endpoint is the base URL of an S3-compatible store (MinIO); "" for AWS.
	Endpoint string
	// Region; "" takes it from the environment (AWS_REGION), else us-east-1.
	Region string
	// PathStyle addresses buckets as endpoint/bucket rather than as a host
	// name; MinIO and most S3-compatible stores need it.
	PathStyle bool
	// AccessKeyID and SecretAccessKey (optionally SessionToken) are static
	// credentials; empty means the default chain.
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

// Validate reports every problem of c.
func (c Config) Validate() error {
	var errs []error
	if c.Endpoint != "" {
		if u, err := url.Parse(c.Endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, errors.New("objstore: endpoint must be an http(s) URL with a host"))
		}
	}
	if (c.AccessKeyID == "") != (c.SecretAccessKey == "") {
		errs = append(errs, errors.New("objstore: access key id and secret access key go together"))
	}
	return errors.Join(errs...)
}
