package s3notify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Object names one S3 object version a notification announced.
type Object struct {
	// Bucket and Key locate the object; Key is already URL-decoded.
	Bucket, Key string
	// VersionID pins the version on versioned buckets; empty otherwise.
	VersionID string
	// ETag identifies the content on unversioned buckets.
	ETag string
	// Size is the object size the notification reported (0 if absent).
	Size int64
	// Event is the S3 event name, e.g. "ObjectCreated:Put".
	Event string
}

// String names the object for logs and dead letters.
func (o Object) String() string { return "s3://" + o.Bucket + "/" + o.Key }

// Notification is one parsed notification body.
type Notification struct {
	// Objects are the created objects to process, in record order.
	Objects []Object
	// Ignored counts records of other events (removals, replication, ...).
	Ignored int
	// Test is true for the s3:TestEvent S3 sends when notifications are
	// configured; it carries no object.
	Test bool
	// TopicARN is the SNS topic when the body came in an SNS envelope.
	TopicARN string
}

// maxEnvelopeDepth bounds SNS-in-SNS nesting.
const maxEnvelopeDepth = 2

// wire is the union of the shapes a notification body takes.
type wire struct {
	Records []record `json:"Records"`
	// s3:TestEvent
	Event   string `json:"Event"`
	Service string `json:"Service"`
	// SNS envelope
	Type     string `json:"Type"`
	TopicArn string `json:"TopicArn"`
	Message  string `json:"Message"`
}

type record struct {
	EventName string `json:"eventName"`
	S3        struct {
		Bucket struct {
			Name string `json:"name"`
		} `json:"bucket"`
		Object struct {
			Key       string `json:"key"`
			Size      int64  `json:"size"`
			ETag      string `json:"eTag"`
			VersionID string `json:"versionId"`
		} `json:"object"`
	} `json:"s3"`
}

// Parse reads one notification body: S3 event records (from S3 directly,
// through SNS, or MinIO's webhook payload, which adds EventName and Key
// beside the same Records), or the s3:TestEvent. Errors wrap ErrMalformed
// and name the record and field.
func Parse(body []byte) (Notification, error) {
	return parse(body, 0)
}

func parse(body []byte, depth int) (Notification, error) {
	var w wire
	if err := json.Unmarshal(body, &w); err != nil {
		return Notification{}, fmt.Errorf("%w: %s", ErrMalformed, jsonProblem(body, err))
	}
	switch {
	case w.Type == "Notification" && w.TopicArn != "":
		if depth >= maxEnvelopeDepth {
			return Notification{}, fmt.Errorf("%w: sns envelopes nested too deep", ErrMalformed)
		}
		n, err := parse([]byte(w.Message), depth+1)
		if err != nil {
			return Notification{}, fmt.Errorf("sns message from %s: %w", w.TopicArn, err)
		}
		n.TopicARN = w.TopicArn
		return n, nil
	case w.Event == "s3:TestEvent":
		return Notification{Test: true}, nil
	case w.Records != nil:
		return fromRecords(w.Records)
	}
	return Notification{}, fmt.Errorf("%w: neither S3 event records, an s3:TestEvent nor an SNS notification", ErrMalformed)
}

func fromRecords(recs []record) (Notification, error) {
	var n Notification
	for i, r := range recs {
		if !created(r.EventName) {
			n.Ignored++
			continue
		}
		o, err := objectOf(r)
		if err != nil {
			return Notification{}, fmt.Errorf("%w: record %d: %w", ErrMalformed, i, err)
		}
		n.Objects = append(n.Objects, o)
	}
	return n, nil
}

// created reports whether an event name announces a new object; AWS names
// it "ObjectCreated:Put", MinIO "s3:ObjectCreated:Put".
func created(name string) bool {
	return strings.HasPrefix(strings.TrimPrefix(name, "s3:"), "ObjectCreated:")
}

func objectOf(r record) (Object, error) {
	b, k := r.S3.Bucket.Name, r.S3.Object.Key
	if b == "" {
		return Object{}, errors.New("missing s3.bucket.name")
	}
	if k == "" {
		return Object{}, errors.New("missing s3.object.key")
	}
	key, err := url.QueryUnescape(k)
	if err != nil {
		return Object{}, fmt.Errorf("s3.object.key %q is not URL-encoded: %w", k, err)
	}
	if r.S3.Object.Size < 0 {
		return Object{}, fmt.Errorf("s3.object.size %d is negative", r.S3.Object.Size)
	}
	return Object{
		Bucket:    b,
		Key:       key,
		VersionID: r.S3.Object.VersionID,
		ETag:      strings.Trim(r.S3.Object.ETag, `"`),
		Size:      r.S3.Object.Size,
		Event:     strings.TrimPrefix(r.EventName, "s3:"),
	}, nil
}

// jsonProblem describes a JSON error with its byte offset when known.
func jsonProblem(body []byte, err error) string {
	if len(bytes.TrimSpace(body)) == 0 {
		return "empty body"
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("offset %d: %v", se.Offset, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("offset %d: field %s: want %s, got %s", te.Offset, te.Field, te.Type, te.Value)
	}
	return err.Error()
}
