package logfile

import (
	"strings"
)

// Object names one log object. Bucket is "" for a local file, whose path is
// then Key. VersionID and ETag, when known, pin the content: they are part of
// every event id, so a rewritten object is not mistaken for a retry.
type Object struct {
	Bucket    string
	Key       string
	VersionID string
	ETag      string
	Size      int64
}

// String names the object as an s3:// URL or a file path, for errors and logs.
func (o Object) String() string {
	if o.Bucket == "" {
		return o.Key
	}
	return "s3://" + o.Bucket + "/" + o.Key
}

// identity is what event ids are derived from. The ETag is preferred over
// the version id because S3 listings (backfill) carry the ETag but not the
// version, while notifications carry both: processing an object once from a
// notification and again from a backfill must yield the same ids. Quotes
// around the ETag (listings have them, notifications do not) are dropped.
func (o Object) identity() string {
	rev := strings.Trim(o.ETag, `"`)
	if rev == "" {
		rev = o.VersionID
	}
	return o.Bucket + "\x00" + o.Key + "\x00" + rev
}
