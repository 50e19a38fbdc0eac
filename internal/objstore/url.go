package objstore

import (
	"fmt"
	"strings"
)

// ParseURL splits "s3://bucket/prefix" into bucket and prefix (which may be
// empty).
func ParseURL(s string) (bucket, prefix string, err error) {
	rest, ok := strings.CutPrefix(s, "s3://")
	if !ok {
		return "", "", fmt.Errorf("objstore: %q is not an s3:// URL", s)
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("objstore: %q names no bucket", s)
	}
	return bucket, prefix, nil
}
