package storetest

import (
	"slices"
	"testing"

	"github.com/logstack/logstack/internal/store"
)

// searchObjectArrays: a field inside an array of objects has the values of
// every element, as Elasticsearch flattens object arrays, for terms,
// ranges, wildcards, _exists_ and aggregations.
func searchObjectArrays(t *testing.T, h Harness) {
	e := open(t, h)
	e.write(decode(t, `{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"o1"},"message":"batch","requests":[{"id":1,"status":"ok"},{"id":2,"status":"failed","retry":{"count":4}}]}
{"@timestamp":"2026-11-22T10:00:01Z","event":{"id":"o2"},"message":"batch","requests":[{"id":3,"status":"ok"}]}
{"@timestamp":"2026-11-22T10:00:02Z","event":{"id":"o3"},"message":"batch","requests":[]}
{"@timestamp":"2026-11-22T10:00:03Z","event":{"id":"o4"},"message":"single","requests":{"id":2,"status":"ok"}}`))
	f := func(q, want string) {
		t.Helper()
		if got := e.ids(q); !slices.Equal(got, idList(want)) {
			t.Errorf("%s: got %v, want %v", q, got, idList(want))
		}
	}
	f(`requests.id:2`, "o1 o4")
	f(`requests.status:failed`, "o1")
	f(`requests.status:ok`, "o1 o2 o4")
	f(`requests.status:fail*`, "o1")
	f(`requests.id:[3 TO *]`, "o2")
	f(`requests.retry.count:4`, "o1")
	f(`_exists_:requests.status`, "o1 o2 o4")
	f(`_exists_:requests.retry`, "o1")
	f(`_exists_:requests`, "o1 o2 o4")
	f(`NOT requests.status:ok`, "o3")
	res, err := e.s.Aggregate(e.ctx, store.AggregateRequest{Field: "requests.status"})
	want := []store.Bucket{str("ok", 3), str("failed", 1)}
	if err != nil || res.Total != 4 || bucketsString(res.Buckets) != bucketsString(want) {
		t.Errorf("by requests.status: %+v (%v), want %s", res, err, bucketsString(want))
	}
}
