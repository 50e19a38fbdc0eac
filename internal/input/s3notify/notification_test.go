package s3notify

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const awsRecord = `{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1","eventName":"ObjectCreated:Put",
"s3":{"bucket":{"name":"alb-logs"},"object":{"key":"AWSLogs/123/elasticloadbalancing/eu-west-1/2026/12/04/my+file%3D1.log.gz","size":1234,"eTag":"abc","versionId":"v1"}}},
{"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"alb-logs"},"object":{"key":"old.log.gz"}}}]}`

const minioRecord = `{"EventName":"s3:ObjectCreated:Put","Key":"logs/a.log.gz","Records":[{"eventVersion":"2.0","eventSource":"minio:s3","eventName":"s3:ObjectCreated:Put",
"s3":{"bucket":{"name":"logs"},"object":{"key":"a.log.gz","size":10,"eTag":"\"e1\""}}}]}`

func snsWrap(msg string) string {
	b, _ := json.Marshal(map[string]string{"Type": "Notification", "TopicArn": "arn:aws:sns:eu-west-1:123:alb", "Message": msg})
	return string(b)
}

func TestParse(t *testing.T) {
	albObj := Object{Bucket: "alb-logs", Key: "AWSLogs/123/elasticloadbalancing/eu-west-1/2026/12/04/my file=1.log.gz", VersionID: "v1", ETag: "abc", Size: 1234, Event: "ObjectCreated:Put"}
	f := func(name, body string, want Notification) {
		t.Helper()
		got, err := Parse([]byte(body))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\n got %+v\nwant %+v", name, got, want)
		}
	}
	f("aws", awsRecord, Notification{Objects: []Object{albObj}, Ignored: 1})
	f("minio", minioRecord, Notification{Objects: []Object{{Bucket: "logs", Key: "a.log.gz", ETag: "e1", Size: 10, Event: "ObjectCreated:Put"}}})
	f("sns", snsWrap(awsRecord), Notification{Objects: []Object{albObj}, Ignored: 1, TopicARN: "arn:aws:sns:eu-west-1:123:alb"})
	f("test event", `{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-04T10:00:00.000Z","Bucket":"alb-logs"}`, Notification{Test: true})
	f("sns test event", snsWrap(`{"Service":"Amazon S3","Event":"s3:TestEvent"}`), Notification{Test: true, TopicARN: "arn:aws:sns:eu-west-1:123:alb"})
	f("no records", `{"Records":[]}`, Notification{})
}

func TestParseErrors(t *testing.T) {
	f := func(body, wantSub string) {
		t.Helper()
		_, err := Parse([]byte(body))
		if !errors.Is(err, ErrMalformed) || !IsPermanent(err) {
			t.Fatalf("%s: err %v is not ErrMalformed", body, err)
		}
		if !strings.Contains(err.Error(), wantSub) {
			t.Fatalf("%s: error %q does not mention %q", body, err, wantSub)
		}
	}
	f(``, "empty body")
	f(`{"Records":[`, "offset")
	f(`{"hello":1}`, "neither")
	f(`{"Records":{}}`, "field Records")
	f(`{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{}}}]}`, "record 0: missing s3.object.key")
	f(`{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{},"object":{"key":"k"}}}]}`, "record 0: missing s3.bucket.name")
	f(`{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"%zz"}}}]}`, "not URL-encoded")
	f(snsWrap("not json"), "sns message from arn:aws:sns:eu-west-1:123:alb")
	f(snsWrap(snsWrap(snsWrap(awsRecord))), "nested too deep")
}
