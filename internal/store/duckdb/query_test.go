package duckdb

import (
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/store/storetest"
)

// TestQuerySemantics checks every query operator against the fixture, as
// docs/DESIGN.md defines them.
func TestQuerySemantics(t *testing.T) {
	s := openTest(t)
	if res := write(t, s, storetest.Decode(t, fixture)); res.Written != 20 {
		t.Fatalf("written %d, want 20 (%+v)", res.Written, res)
	}
	all := storetest.IDList(allIDs)
	except := func(ids string) string {
		drop := storetest.IDList(ids)
		var out []string
		for _, id := range all {
			if !slices.Contains(drop, id) {
				out = append(out, id)
			}
		}
		return strings.Join(out, " ")
	}
	f := func(q, want string) {
		t.Helper()
		if got := searchIDs(t, s, q); !slices.Equal(got, storetest.IDList(want)) {
			t.Errorf("%s\n got: %v\nwant: %v", q, got, storetest.IDList(want))
		}
	}

	// Bare words: whole words of the message, any case, Unicode aware.
	f(`connection`, "e01 e02 e08")
	f(`CONNECTION`, "e01 e02 e08")
	f(`refused`, "e01 e08 e09")
	f(`user`, "e03 e04 e12")
	f(`user_id`, "e20")
	f(`42`, "e12 e20")
	f(`café`, "e15")
	f(`CAFÉ`, "e15")
	f(`straße`, "e14")
	f(`nothing`, "")
	// Phrases: consecutive words, punctuation between them ignored.
	f(`"connection refused"`, "e01")
	f(`"refused connection"`, "e08")
	f(`"User Alice"`, "e03")
	f(`"logged in"`, "e03")
	f(`"ERROR: something"`, "e13")
	// Wildcards stay within one word.
	f(`connection*`, "e01 e02 e08 e09")
	f(`conn?ction`, "e01 e02 e08")
	f(`*fused`, "e01 e08 e09")
	f(`c?f?`, "e15")
	f(`log*`, "e03 e04")
	// Text field by name.
	f(`message:disk`, "e05 e06")
	f(`message:DISK`, "e05 e06")
	f(`message:"disk full"`, "e06")
	// Keyword columns: exact and case-sensitive; wildcards with LIKE.
	f(`log.level:error`, "e01 e06 e10")
	f(`log.level:ERROR`, "e13")
	f(`log.level:Error`, "")
	f(`service.name:checkout`, "e01 e02 e18")
	f(`service.name:CHECKOUT`, "")
	f(`service.name:check*`, "e01 e02 e18")
	f(`service.name:checkou?`, "e01 e02 e18")
	f(`host.name:web-1`, "e05")
	f(`url.original:"/api/v1/orders"`, "e07")
	f(`url.original:\/api*`, "e01 e07")
	f(`source.ip:10.0.0.1`, "e01")
	f(`http.request.method:GET`, "e02 e07")
	f(`event.id:e05`, "e05")
	// Numbers compare numerically.
	f(`http.response.status_code:500`, "e02")
	f(`http.response.status_code:500.0`, "e02")
	f(`http.response.status_code:abc`, "")
	f(`http.response.status_code:5*`, "e01 e02 e10")
	f(`http.response.status_code:>=500`, "e01 e02 e10")
	f(`http.response.status_code:>500`, "e01 e10")
	f(`http.response.status_code:<=200`, "e03 e04 e07")
	f(`http.response.status_code:<201`, "e03 e04 e07")
	f(`http.response.status_code:[400 TO 500]`, "e02 e17")
	f(`http.response.status_code:{400 TO 500}`, "e17")
	f(`http.response.status_code:{404 TO 504]`, "e01 e02 e10")
	f(`http.response.status_code:[500 TO *]`, "e01 e02 e10")
	// String ranges.
	f(`service.name:[a TO c]`, "e03 e04 e16 e20")
	f(`service.name:{auth TO cart}`, "e16")
	f(`service.name:>=payment`, "e10 e11")
	// Instants on @timestamp: dates cover whole days, date math from now.
	f(`@timestamp:[2026-11-22 TO 2026-11-22]`, except("e01"))
	f(`@timestamp:<2026-11-22`, "e01")
	f(`@timestamp:{2026-11-21 TO *}`, except("e01"))
	f(`@timestamp:>=2026-11-22T11:00:00Z`, "e13 e14 e15 e16 e17 e18 e19 e20")
	f(`@timestamp:>2026-11-22T11:00:00Z`, "e14 e15 e16 e17 e18 e19 e20")
	f(`@timestamp:<=2026-11-22T00:00:00Z`, "e01 e02")
	f(`@timestamp:[2026-11-22T01:00:00Z TO 2026-11-22T03:00:00Z}`, "e03 e04")
	f(`@timestamp:>now-15m`, "e18 e19 e20")
	f(`@timestamp:[now-1h/h TO now/h}`, "e13 e14 e15 e16 e17 e18 e19 e20")
	f(`@timestamp:"2026-11-22T05:00:00Z"`, "e07")
	f(`@timestamp:2026-11-21`, "e01")
	// _exists_ and field:*.
	f(`_exists_:labels.env`, "e16")
	f(`labels.env:*`, "e16")
	f(`_exists_:message`, except("e16"))
	f(`NOT _exists_:message`, "e16")
	f(`_exists_:service.name`, except("e15"))
	f(`_exists_:user`, "e01 e20")
	f(`_exists_:tags`, "e01 e19")
	// Fields without a column, read from the document.
	f(`user.name:alice`, "e01")
	f(`user.name:Alice`, "")
	f(`user.id:7`, "e01")
	f(`user.id:7.0`, "e01")
	f(`retry.count:>=3`, "e18")
	f(`retry.count:[1 TO 2]`, "")
	f(`db.duration:1.5`, "e19")
	f(`db.duration:[1 TO 2]`, "e19")
	f(`labels.env:stag*`, "e16")
	f(`user.name:[a TO b]`, "e01")
	f(`flag:true`, "e20")
	f(`NOT user.name:alice`, except("e01"))
	// Arrays match when any element does.
	f(`tags:prod`, "e01")
	f(`tags:eu`, "e01")
	f(`tags:slow`, "e19")
	f(`tags:pr*`, "e01")
	f(`tags:[p TO q]`, "e01")
	f(`user.roles:dev`, "e20")
	// Boolean operators.
	f(`log.level:error AND service.name:checkout`, "e01")
	f(`log.level:error && service.name:checkout`, "e01")
	f(`log.level:error OR log.level:debug`, "e01 e06 e10 e12")
	f(`log.level:error || log.level:debug`, "e01 e06 e10 e12")
	f(`service.name:auth AND NOT bob`, "e03")
	f(`service.name:auth AND !bob`, "e03")
	f(`NOT service.name:checkout`, except("e01 e02 e18"))
	f(`-log.level:info`, "e01 e02 e05 e06 e10 e12 e13 e18 e19")
	// Juxtaposition is OR; + and - are must and must not.
	f(`disk timeout`, "e05 e06 e10")
	f(`service.name:auth -bob`, "e03")
	f(`+service.name:checkout +connection`, "e01 e02")
	f(`+service.name:checkout -connection`, "e18")
	// Parentheses and precedence (NOT > AND > OR).
	f(`(log.level:error OR log.level:warn) AND service.name:checkout`, "e01 e02 e18")
	f(`log.level:error OR log.level:warn AND service.name:checkout`, "e01 e02 e06 e10 e18")
	f(`NOT log.level:info AND service.name:checkout`, "e01 e02 e18")
	f(`disk OR connection AND NOT refused`, "e02 e05 e06")
	f(`service.name:(auth OR cart)`, "e03 e04 e12 e13")
	f(`*`, allIDs)
}

// TestTextColumn checks word semantics on a configured text column, which
// has no signature and is prefiltered with ILIKE.
func TestTextColumn(t *testing.T) {
	s := openTest(t, Column{Field: "error.message", Type: TypeText}, Column{Field: "user.id", Type: TypeKeyword})
	write(t, s, storetest.Decode(t, `{"@timestamp":"2026-11-22T01:00:00Z","event":{"id":"a"},"error":{"message":"Disk Full on /var"},"user":{"id":7}}
{"@timestamp":"2026-11-22T02:00:00Z","event":{"id":"b"},"error":{"message":"disks fullness 100%_x"},"user":{"id":"007"}}`))
	f := func(q, want string) {
		t.Helper()
		if got := searchIDs(t, s, q); !slices.Equal(got, storetest.IDList(want)) {
			t.Errorf("%s: got %v, want %v", q, got, storetest.IDList(want))
		}
	}
	f(`error.message:disk`, "a")
	f(`error.message:"DISK full"`, "a")
	f(`error.message:disk*`, "a b")
	f(`error.message:100`, "b")
	f(`error.message:x`, "")
	f(`error.message:_x`, "b")
	f(`error.message:full*`, "a b")
	f(`error.message:ful?`, "a")
	// A number kept in a keyword column compares as its text, ranges on
	// numbers numerically.
	f(`user.id:7`, "a")
	f(`user.id:007`, "b")
	f(`user.id:[5 TO 10]`, "a b")
}
