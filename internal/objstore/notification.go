package objstore

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/logstack/logstack/internal/logfile"
)

// envelope holds the shapes an S3 notification arrives in: the S3 event
// itself ({"Records": [...]}), wrapped in an SNS notification ({"Type":
// "Notification", "Message": "<S3 event JSON>"}), as an SNS event delivered
// to Lambda (records with "EventSource": "aws:sns"), or the s3:TestEvent S3
// sends when a notification is configured.
type envelope struct {
	Records []json.RawMessage
	Type    string
	Message string
	Event   string
}

// record is the part of any record needed to tell S3 from SNS.
type record struct {
	EventSource  string `json:"eventSource"`
	EventSource2 string `json:"EventSource"`
	Sns          struct{ Message string }
}

// ParseNotification returns the created objects an S3 event notification
// names, unwrapping SNS. Keys are URL-decoded (S3 encodes them, a space as
// "+"); removals and test events yield nothing. An error names what is
// wrong and wraps logfile.ErrPermanent: the same message will not parse on
// a retry.
func ParseNotification(data []byte) ([]logfile.Object, error) {
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, fmt.Errorf("%w: s3 notification: %w", logfile.ErrPermanent, err)
	}
	switch {
	case env.Type == "Notification" && env.Message != "":
		return ParseNotification([]byte(env.Message))
	case env.Event == "s3:TestEvent":
		return nil, nil
	case env.Records == nil:
		return nil, fmt.Errorf("%w: s3 notification: no Records", logfile.ErrPermanent)
	}
	var out []logfile.Object
	for i, raw := range env.Records {
		objs, err := parseRecord(raw)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		out = append(out, objs...)
	}
	return out, nil
}

func parseRecord(raw json.RawMessage) ([]logfile.Object, error) {
	var r record
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("%w: s3 notification record: %w", logfile.ErrPermanent, err)
	}
	switch {
	case r.EventSource2 == "aws:sns":
		return ParseNotification([]byte(r.Sns.Message))
	case r.EventSource != "aws:s3" && r.EventSource != "minio:s3":
		return nil, fmt.Errorf("%w: s3 notification record from %q, want aws:s3", logfile.ErrPermanent, r.EventSource+r.EventSource2)
	}
	var s3r events.S3EventRecord
	if err := json.Unmarshal(raw, &s3r); err != nil {
		return nil, fmt.Errorf("%w: s3 notification record: %w", logfile.ErrPermanent, err)
	}
	if !strings.Contains(s3r.EventName, "ObjectCreated:") {
		return nil, nil
	}
	o := s3r.S3.Object
	return []logfile.Object{{Bucket: s3r.S3.Bucket.Name, Key: o.URLDecodedKey, VersionID: o.VersionID, ETag: o.ETag, Size: o.Size}}, nil
}
