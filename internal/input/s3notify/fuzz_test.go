package s3notify

import (
	"errors"
	"testing"
)

// FuzzParse checks that any body either parses into objects with a bucket
// and key or fails with ErrMalformed, never panicking.
func FuzzParse(f *testing.F) {
	for _, s := range []string{awsRecord, minioRecord, snsWrap(awsRecord), `{"Event":"s3:TestEvent"}`, `{}`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := Parse(body)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v is not ErrMalformed", err)
			}
			return
		}
		for _, o := range n.Objects {
			if o.Bucket == "" || o.Key == "" || o.Size < 0 {
				t.Fatalf("invalid object %+v", o)
			}
		}
	})
}
