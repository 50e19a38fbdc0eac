package elb

import (
	"time"
	"unsafe"

	"github.com/logstack/logstack/internal/event"
)

// Extra is what a caller knows about a line that the line does not say: the
// S3 object it came from, its offset there, its event id. AppendJSONWith
// writes these fields into the event's JSON in their sorted places, so an
// ingest path gets a finished line without building a map or editing JSON.
// Strings left "" are not written. One Extra per object can be reused for
// every line, changing EventID and Offset.
type Extra struct {
	// Key labels the event as ObjectKey.Fields does: cloud.account.id,
	// cloud.region, and aws.elb.name when the line does not name the load
	// balancer (cloud.provider is always "aws").
	Key ObjectKey
	// Bucket and Object are aws.s3.bucket.name and aws.s3.object.key.
	Bucket, Object string
	// Path is log.file.path, for a line read from a local file.
	Path string
	// Offset is log.offset, the line's byte offset in its object or file;
	// written only when HasOffset is true, since 0 is a valid offset.
	Offset    int64
	HasOffset bool
	// EventID is event.id.
	EventID string
	// Normalized writes @timestamp as event.Normalize does (RFC 3339 UTC
	// with "Z", fraction without trailing zeros) and, when EventID is "",
	// a fresh event.NewID, so the line is a normalized event that
	// broker.PublishLines takes as it is. event.end and event.start keep
	// the log's text.
	Normalized bool
}

// AppendJSON appends the event of one log line to dst as one compact JSON
// object (no newline) and returns the extended buffer. The bytes are
// exactly what event.AppendJSON writes for the event Parse returns, and the
// errors (ErrSkip, ErrMalformed with field and offset) are Parse's, but no
// map is built: the line is parsed into a fixed array of values and written
// through a key tree sorted once at start-up. On error dst is returned
// unchanged. line is not kept after the call and must not overlap dst's
// spare capacity.
func (p *Parser) AppendJSON(dst, line []byte) ([]byte, error) {
	return p.AppendJSONWith(dst, line, nil)
}

// AppendJSONWith is AppendJSON with the fields of x added (x may be nil):
// the bytes are what event.AppendJSON writes for the event Parse returns
// after x.Key.Fields, event.Event.Set of x's other fields and, when
// x.Normalized, event.Normalize.
func (p *Parser) AppendJSONWith(dst, line []byte, x *Extra) ([]byte, error) {
	line = trimLine(line)
	var f fields
	// The values are substrings of line for the length of this call only:
	// they are copied into dst and never kept, so the line is not copied.
	if err := p.fill(&f, line, unsafe.String(unsafe.SliceData(line), len(line))); err != nil {
		return dst, err
	}
	f.plain = isPlain(line)
	if x != nil {
		f.extra(x)
	}
	return appendObject(dst, eventTree, &f), nil
}

// extra sets x's fields.
func (f *fields) extra(x *Extra) {
	f.text(fCloudProvider, "aws")
	f.text(fCloudAccountID, x.Key.Account)
	f.text(fCloudRegion, x.Key.Region)
	if !f.present.has(fELBName) {
		f.text(fELBName, x.Key.LoadBalancer)
	}
	f.text(fS3Bucket, x.Bucket)
	f.text(fS3Object, x.Object)
	f.text(fLogFilePath, x.Path)
	if x.HasOffset {
		f.v[fLogOffset] = slot{k: kInt}
		f.offset = x.Offset
		f.present.add(fLogOffset)
	}
	f.text(fEventID, x.EventID)
	if x.Normalized {
		f.normalStamp = true
		if x.EventID == "" {
			f.text(fEventID, event.NewID(time.Now()))
		}
	}
}
