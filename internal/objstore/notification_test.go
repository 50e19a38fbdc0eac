package objstore_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/logstack/logstack/internal/logfile"
	"github.com/logstack/logstack/internal/objstore"
)

const s3Event = `{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventName":"ObjectCreated:Put",
"s3":{"bucket":{"name":"logs"},"object":{"key":"AWSLogs/a+b%3Dc.log.gz","size":12,"eTag":"e1","versionId":"v1"}}},
{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"logs"},"object":{"key":"gone"}}}]}`

func TestParseNotification(t *testing.T) {
	want := []logfile.Object{{Bucket: "logs", Key: "AWSLogs/a b=c.log.gz", ETag: "e1", VersionID: "v1", Size: 12}}
	sns := `{"Type":"Notification","MessageId":"m","TopicArn":"arn:aws:sns:us-east-1:1:t","Message":` + strconv.Quote(s3Event) + `}`
	snsEvent := `{"Records":[{"EventSource":"aws:sns","Sns":{"Message":` + strconv.Quote(s3Event) + `}}]}`
	f := func(name, in string, want []logfile.Object, wantErr bool) {
		t.Run(name, func(t *testing.T) {
			got, err := objstore.ParseNotification([]byte(in))
			if (err != nil) != wantErr || !slices.Equal(got, want) {
				t.Fatalf("got %+v, %v", got, err)
			}
			if err != nil && !logfile.Permanent(err) {
				t.Fatalf("error not permanent: %v", err)
			}
		})
	}
	f("s3 event", s3Event, want, false)
	f("sns envelope", sns, want, false)
	f("sns lambda event", snsEvent, want, false)
	f("test event", `{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"logs"}`, nil, false)
	f("not json", `{"Records":`, nil, true)
	f("no records", `{"hello":1}`, nil, true)
	f("other source", `{"Records":[{"eventSource":"aws:dynamodb"}]}`, nil, true)
}

func FuzzParseNotification(f *testing.F) {
	f.Add([]byte(s3Event))
	f.Add([]byte(`{"Type":"Notification","Message":"{\"Records\":[]}"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, err := objstore.ParseNotification(data)
		if err != nil && !logfile.Permanent(err) {
			t.Fatalf("error not permanent: %v", err)
		}
		if err != nil && objs != nil {
			t.Fatal("objects with an error")
		}
	})
}
