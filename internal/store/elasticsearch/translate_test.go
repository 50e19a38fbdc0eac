package elasticsearch

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// TestTranslate pins the DSL each operator becomes (the semantics are
// checked end to end by the conformance suite on the protocol fake).
func TestTranslate(t *testing.T) {
	tr := &translator{types: fieldTypes([]Field{{"flag", typeBoolean}, {"notes", typeText}}), now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}
	f := func(q, want string) {
		t.Helper()
		n, err := query.Parse(q)
		if err != nil {
			t.Fatalf("parse %q: %v", q, err)
		}
		d, err := tr.query(n)
		if err != nil {
			t.Fatalf("translate %q: %v", q, err)
		}
		got, _ := json.Marshal(d)
		if string(got) != want {
			t.Errorf("%s\n got %s\nwant %s", q, got, want)
		}
	}
	none := `{"bool":{"must_not":[{"match_all":{}}]}}`
	f(``, `{"match_all":{}}`)
	f(`error`, `{"match_phrase":{"message":{"query":"error"}}}`)
	f(`"Disk Full"`, `{"match_phrase":{"message":{"query":"disk full"}}}`)
	f(`message:"user:42"`, `{"match_phrase":{"message":{"query":"user 42"}}}`)
	f(`"!!"`, none)
	f(`conn*`, `{"wildcard":{"message":{"value":"conn*"}}}`)
	f(`*`, `{"match_all":{}}`)
	f(`message:*`, `{"exists":{"field":"message"}}`)
	f(`notes:"a b*"`, `{"match_phrase":{"notes":{"query":"a b"}}}`)
	f(`log.level:ERROR`, `{"term":{"log.level":{"value":"ERROR"}}}`)
	f(`log.level:err*`, `{"wildcard":{"log.level":{"value":"err*"}}}`)
	f(`url.original:\/api*`, `{"wildcard":{"url.original":{"value":"/api*"}}}`)
	f(`source.ip:10.0.0.1`, `{"term":{"source.ip":{"value":"10.0.0.1"}}}`)
	f(`source.ip:"2001:DB8::1"`, `{"term":{"source.ip":{"value":"2001:db8::1"}}}`)
	f(`source.ip:"10.0.0.0/8"`, `{"term":{"source.ip":{"value":"10.0.0.0/8"}}}`)
	f(`source.ip:"10.1.2.3/8"`, `{"term":{"source.ip":{"value":"10.0.0.0/8"}}}`)
	f(`source.ip:web`, none)
	f(`source.ip:[10.0.0.2 TO 10.0.0.9}`, `{"range":{"source.ip":{"gte":"10.0.0.2","lte":"10.0.0.8"}}}`)
	f(`source.ip:{"::1" TO "2001:db8::"]`, `{"bool":{"minimum_should_match":1,"should":[`+
		`{"range":{"source.ip":{"gte":"::2","lte":"::fffe:ffff:ffff"}}},`+
		`{"range":{"source.ip":{"gte":"0.0.0.0","lte":"255.255.255.255"}}},`+
		`{"range":{"source.ip":{"gte":"::1:0:0:0","lte":"2001:db8::"}}}]}}`)
	f(`source.ip:>=10.0.0.4`, `{"bool":{"minimum_should_match":1,"should":[`+
		`{"range":{"source.ip":{"gte":"10.0.0.4","lte":"255.255.255.255"}}},`+
		`{"range":{"source.ip":{"gte":"::1:0:0:0","lte":"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}}}]}}`)
	f(`source.ip:<"::"`, none)
	f(`http.response.status_code:404`, `{"term":{"http.response.status_code":{"value":404}}}`)
	f(`http.response.status_code:4e2`, `{"term":{"http.response.status_code":{"value":400}}}`)
	f(`http.response.status_code:404.5`, none)
	f(`http.response.status_code:abc`, none)
	f(`aws.elb.request_processing_time.sec:0.001`, `{"term":{"aws.elb.request_processing_time.sec":{"value":0.001}}}`)
	f(`flag:true`, `{"term":{"flag":{"value":true}}}`)
	f(`flag:yes`, none)
	f(`flag:t*`, `{"term":{"flag":{"value":true}}}`)
	f(`flag:*`, `{"exists":{"field":"flag"}}`)
	f(`@timestamp:2026-11-22`, `{"range":{"@timestamp":{"gte":"2026-11-22T00:00:00Z","lt":"2026-11-23T00:00:00Z"}}}`)
	f(`@timestamp:>=now-1h`, `{"range":{"@timestamp":{"gte":"2026-11-22T11:00:00Z"}}}`)
	f(`@timestamp:[2026-11-21 TO 2026-11-22}`, `{"range":{"@timestamp":{"gte":"2026-11-21T00:00:00Z","lt":"2026-11-22T00:00:00Z"}}}`)
	f(`@timestamp:{2026-11-21 TO 2026-11-22]`, `{"range":{"@timestamp":{"gte":"2026-11-22T00:00:00Z","lt":"2026-11-23T00:00:00Z"}}}`)
	f(`http.response.status_code:[400 TO 499]`, `{"range":{"http.response.status_code":{"gte":400,"lte":499}}}`)
	f(`retry.count:>1.5`, `{"range":{"retry.count":{"gt":1.5}}}`)
	f(`user.name:{a TO m}`, `{"range":{"user.name":{"gt":"a","lt":"m"}}}`)
	f(`_exists_:labels.env`, `{"exists":{"field":"labels.env"}}`)
	f(`a:1 AND NOT b:2`, `{"bool":{"filter":[{"term":{"a":{"value":"1"}}},{"bool":{"must_not":[{"term":{"b":{"value":"2"}}}]}}]}}`)
	f(`a:1 OR b:2`, `{"bool":{"minimum_should_match":1,"should":[{"term":{"a":{"value":"1"}}},{"term":{"b":{"value":"2"}}}]}}`)
	f(`foo*-bar*`, `{"bool":{"filter":[{"wildcard":{"message":{"value":"foo*"}}},{"wildcard":{"message":{"value":"bar*"}}}]}}`)

	bad := func(q string) {
		t.Helper()
		n, err := query.Parse(q)
		if err != nil {
			t.Fatalf("parse %q: %v", q, err)
		}
		if _, err := tr.query(n); !errors.Is(err, store.ErrBadRequest) {
			t.Errorf("%s: err = %v, want ErrBadRequest", q, err)
		}
	}
	bad(`@timestamp:2026*`)
	bad(`@timestamp:yesterday`)
	bad(`http.response.status_code:[a TO b]`)
	bad(`flag:[a TO b]`)
	bad(`source.ip:10.*`)
	bad(`source.ip:[a TO b]`)
	bad(`http.response.status_code:4*`)
}

// TestTranslateEmpty covers nodes the parser never builds.
func TestTranslateEmpty(t *testing.T) {
	tr := &translator{types: fieldTypes(nil)}
	for _, c := range []struct {
		n    query.Node
		want string
	}{
		{query.And{}, `{"match_all":{}}`},
		{query.Or{}, `{"bool":{"must_not":[{"match_all":{}}]}}`},
		{&query.Term{Field: "a", Value: "b"}, `{"term":{"a":{"value":"b"}}}`},
		{query.Range{Field: "a"}, `{"exists":{"field":"a"}}`},
		{query.Exists{Field: query.DefaultField}, `{"exists":{"field":"message"}}`},
	} {
		n, want := c.n, c.want
		d, err := tr.query(n)
		got, _ := json.Marshal(d)
		if err != nil || string(got) != want {
			t.Errorf("%#v: %s, %v; want %s", n, got, err, want)
		}
	}
	if _, err := tr.query(query.Term{Field: `a"b`, Value: "x"}); !errors.Is(err, store.ErrBadRequest) {
		t.Errorf("bad field: %v", err)
	}
}
