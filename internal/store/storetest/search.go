package storetest

import (
	"slices"
	"testing"
)

// testSearch checks every operator of the query language, as a user types
// it, and the request's time bounds, limit and order.
func testSearch(t *testing.T, h Harness) {
	e := openWithFixture(t, h)
	f := func(q, want string) {
		t.Helper()
		if got := e.ids(q); !slices.Equal(got, idList(want)) {
			t.Errorf("%s\n got: %v\nwant: %v", q, got, idList(want))
		}
	}
	t.Run("Words", func(t *testing.T) { searchWords(f) })
	t.Run("Keywords", func(t *testing.T) { searchKeywords(f) })
	t.Run("IPs", func(t *testing.T) { searchIPs(f) })
	t.Run("Numbers", func(t *testing.T) { searchNumbers(f) })
	t.Run("Strings", func(t *testing.T) { searchStringRanges(f) })
	t.Run("Timestamps", func(t *testing.T) { searchTimestamps(f, h.FixedClock) })
	t.Run("Exists", func(t *testing.T) { searchExists(f) })
	t.Run("Unmapped", func(t *testing.T) { searchUnmapped(f) })
	t.Run("Boolean", func(t *testing.T) { searchBoolean(f) })
	t.Run("ObjectArrays", func(t *testing.T) { searchObjectArrays(t, h) })
	t.Run("Request", func(t *testing.T) { searchRequest(t, e) })
	t.Run("Order", func(t *testing.T) { searchOrder(t, h) })
}

// searchWords: bare terms and phrases match whole words of the message,
// any case, Unicode aware; wildcards stay within one word.
func searchWords(f func(q, want string)) {
	f(`connection`, "e01 e02 e08")
	f(`CONNECTION`, "e01 e02 e08")
	f(`refused`, "e01 e08 e09")
	f(`user`, "e03 e04 e12")
	f(`user_id`, "e20")
	f(`42`, "e12 e20")
	f(`45ms`, "e07")
	f(`web`, "e05")
	f(`café`, "e15")
	f(`CAFÉ`, "e15")
	f(`straße`, "e14")
	f(`nothing`, "")
	f(`"connection refused"`, "e01")
	f(`"refused connection"`, "e08")
	f(`"User Alice"`, "e03")
	f(`"logged in"`, "e03")
	f(`"ERROR: something"`, "e13")
	f(`"/api/v1/orders"`, "e07")
	f(`connection*`, "e01 e02 e08 e09")
	f(`CONN*`, "e01 e02 e08 e09")
	f(`conn?ction`, "e01 e02 e08")
	f(`*fused`, "e01 e08 e09")
	f(`c?f?`, "e15")
	f(`log*`, "e03 e04")
	f(`message:disk`, "e05 e06")
	f(`message:DISK`, "e05 e06")
	f(`message:"disk full"`, "e06")
	f(`message:time*`, "e10")
	f(`message:1234`, "e11")
	f(`message:(disk OR timeout)`, "e05 e06 e10")
	f(`NOT connection`, except("e01 e02 e08"))
	// A wildcard never spans words.
	f(`b*d`, "e01")
	f(`connection*backend`, "")
	// A value of several words matches them consecutively, as a phrase.
	f(`disk-full`, "e06")
	f(`full-disk`, "")
	f(`web-1`, "e05")
	f(`message:"user:42"`, "e12")
	f(`"--"`, "")
}

// searchKeywords: fields that are not text compare exactly and
// case-sensitively; wildcards match the whole value.
func searchKeywords(f func(q, want string)) {
	f(`log.level:error`, "e01 e06 e10")
	f(`log.level:ERROR`, "e13")
	f(`log.level:Error`, "")
	f(`service.name:checkout`, "e01 e02 e18")
	f(`service.name:CHECKOUT`, "")
	f(`service.name:check*`, "e01 e02 e18")
	f(`service.name:checkou?`, "e01 e02 e18")
	f(`service.name:*out`, "e01 e02 e18")
	f(`service.name:check`, "")
	f(`service.name:CHECK*`, "")
	f(`host.name:web-1`, "e05")
	f(`host.name:web-*`, "e05 e06")
	f(`host.name:web-?`, "e05 e06")
	f(`host.name:web?`, "")
	f(`event.id:e05`, "e05")
	f(`http.request.method:GET`, "e02 e04 e07 e17")
	f(`url.original:"/api/cart"`, "e01")
	f(`url.original:\/api\/cart`, "e01")
	f(`url.original:\/api*`, "e01 e02 e07")
	f(`url.original:"/favicon.ico"`, "e17")
	f(`user_agent.original:"curl/8.5.0"`, "e01 e02")
	f(`user_agent.original:Mozilla*`, "e03 e04 e07")
	f(`user_agent.original:"Mozilla/5.0 (X11; Linux x86_64)"`, "e03 e07")
	f(`user_agent.original:mozilla*`, "")
	// Load-balancer fields, nested objects, a field sent as a dotted key.
	f(`aws.elb.name:"app/shop-lb/50dc6c495c0c9188"`, "e01 e02 e07 e17")
	f(`aws.elb.name:app\/shop*`, "e01 e02 e07 e17")
	f(`aws.elb.name:net*`, "e21")
	f(`aws.elb.type:https`, "e01 e10")
	f(`aws.elb.type:tls`, "e21")
	f(`aws.elb.error.reason:TargetTimeout`, "e10")
	f(`aws.elb.trace_id:"Root=1-58337262-36d228ad5d99923122bbe354"`, "e01")
	f(`aws.elb.action_executed:waf`, "e02")
	f(`aws.elb.action_executed:forward`, "e01 e02 e07 e10 e17")
}

// searchIPs: addresses compare as addresses (any spelling of IPv6).
func searchIPs(f func(q, want string)) {
	f(`source.ip:10.0.0.1`, "e01 e17")
	f(`source.ip:"10.0.0.1"`, "e01 e17")
	f(`source.ip:"2001:db8::1"`, "e04")
	f(`source.ip:"2001:db8:0:0:0:0:0:1"`, "e04")
	f(`source.ip:10.0.0.9`, "")
	f(`source.ip:[10.0.0.1 TO 10.0.0.3]`, "e01 e02 e07 e10 e17")
	f(`source.ip:{10.0.0.1 TO 10.0.0.3}`, "e02 e10")
	// As addresses, not as text: "10.0.0.10" sorts before "10.0.0.2".
	f(`source.ip:[10.0.0.2 TO 10.0.0.10]`, "e02 e07 e10 e21")
	f(`source.ip:>=10.0.0.4`, "e03 e04 e21")
	f(`source.ip:<9.0.0.0`, "")
	f(`source.ip:["::" TO "2001:db8::1"}`, "e01 e02 e03 e07 e10 e17 e21")
	f(`source.ip:"10.0.0.0/31"`, "e01 e17")
	f(`source.ip:"10.0.0.0/30"`, "e01 e02 e07 e10 e17")
	f(`source.ip:"10.0.0.0/8"`, "e01 e02 e07 e10 e17 e21")
	f(`source.ip:"2001:db8::/32"`, "e04")
	f(`aws.elb.backend.ip:10.0.1.5`, "e01 e17")
}

// searchNumbers: numeric fields compare numerically, in terms and ranges.
func searchNumbers(f func(q, want string)) {
	f(`http.response.status_code:500`, "e02")
	f(`http.response.status_code:500.0`, "e02")
	f(`http.response.status_code:abc`, "")
	f(`http.response.status_code:>=500`, "e01 e02 e10")
	f(`http.response.status_code:>500`, "e01 e10")
	f(`http.response.status_code:<=200`, "e03 e04 e07")
	f(`http.response.status_code:<201`, "e03 e04 e07")
	f(`http.response.status_code:[400 TO 500]`, "e02 e17")
	f(`http.response.status_code:{400 TO 500}`, "e17")
	f(`http.response.status_code:{404 TO 504]`, "e01 e02 e10")
	f(`http.response.status_code:[201 TO 404}`, "e11")
	f(`http.response.status_code:[500 TO *]`, "e01 e02 e10")
	f(`http.response.status_code:[* TO 201]`, "e03 e04 e07 e11")
	f(`http.response.status_code:[* TO *]`, "e01 e02 e03 e04 e07 e10 e11 e17")
	f(`http.request.body.bytes:34`, "e01")
	f(`http.response.body.bytes:>1000`, "e07")
	// Numerically, not as text: "80" sorts after "443" as a string.
	f(`aws.elb.backend.port:[80 TO 443]`, "e07 e21")
	f(`aws.elb.backend.port:8080`, "e01 e02 e17")
	f(`aws.elb.backend.http.response.status_code:>=500`, "e01 e02")
	f(`aws.elb.matched_rule_priority:10`, "e01 e02 e17")
	f(`aws.elb.matched_rule_priority:<10`, "e07")
	f(`aws.elb.request_processing_time.sec:0.002`, "e02")
	f(`aws.elb.request_processing_time.sec:[0 TO 0.001]`, "e01 e07 e17")
	f(`aws.elb.request_processing_time.sec:{0.0005 TO 0.003}`, "e01 e02")
	// Arrays match when any element does.
	f(`aws.elb.target_status_code:502`, "e01")
	f(`aws.elb.target_status_code:[400 TO 499]`, "e17")
	f(`aws.elb.target_status_code:>=500`, "e01 e02")
}

// searchStringRanges: ranges with bounds that are not numbers compare
// strings byte by byte.
func searchStringRanges(f func(q, want string)) {
	f(`service.name:[a TO c]`, "e03 e04 e16 e20")
	f(`service.name:{auth TO cart}`, "e16")
	f(`service.name:>=payment`, "e10 e11")
	f(`service.name:<b`, "e03 e04 e20")
	f(`url.original:[\/api TO \/b}`, "e01 e02 e07")
	f(`user.name:[a TO b]`, "e01")
	f(`tags:[p TO q]`, "e01")
}

// searchTimestamps: dates and times on @timestamp name spans (a date is a
// whole day), as in Elasticsearch; date math anchored on a date or on now.
func searchTimestamps(f func(q, want string), fixedClock bool) {
	f(`@timestamp:[2026-11-22 TO 2026-11-22]`, except("e01 e02"))
	f(`@timestamp:<2026-11-22`, "e01 e02")
	f(`@timestamp:{2026-11-21 TO *}`, except("e01 e02"))
	f(`@timestamp:2026-11-21`, "e01 e02")
	f(`@timestamp:>=2026-11-22T11:00:00Z`, "e13 e14 e15 e16 e17 e18 e19 e20 e21")
	f(`@timestamp:>2026-11-22T11:00:00Z`, "e14 e15 e16 e17 e18 e19 e20 e21")
	f(`@timestamp:<=2026-11-22T00:00:00Z`, "e01 e02 e03")
	f(`@timestamp:[2026-11-22T01:00:00Z TO 2026-11-22T03:00:00Z}`, "e04 e05")
	f(`@timestamp:[2026-11-21T23 TO 2026-11-22T00]`, "e02 e03")
	f(`@timestamp:"2026-11-22T05:00:00Z"`, "e07")
	f(`@timestamp:[2026-11-22T11:00:00Z||+30m TO *]`, "e16 e17 e18 e19 e20 e21")
	f(`@timestamp:{2026-11-21 TO 2026-11-22}`, "")
	f(`@timestamp:>=2026-11-22T12:00:00+01:00`, "e13 e14 e15 e16 e17 e18 e19 e20 e21")
	f(`@timestamp:>=1795345200000`, "e13 e14 e15 e16 e17 e18 e19 e20 e21") // epoch milliseconds
	f(`@timestamp:<now`, allIDs)
	f(`@timestamp:>now`, "")
	if fixedClock {
		f(`@timestamp:>now-15m`, "e18 e19 e20 e21")
		f(`@timestamp:[now-1h/h TO now/h}`, "e13 e14 e15 e16 e17 e18 e19 e20 e21")
		f(`@timestamp:[now/d TO *]`, except("e01 e02"))
	}
}

// searchExists: _exists_ and field:* ask for a value that is not null and
// not an empty array; objects exist when they hold a value.
func searchExists(f func(q, want string)) {
	f(`_exists_:labels.env`, "e16")
	f(`labels.env:*`, "e16")
	f(`message:*`, except("e16"))
	f(`http.response.status_code:*`, "e01 e02 e03 e04 e07 e10 e11 e17")
	f(`_exists_:message`, except("e16"))
	f(`NOT _exists_:message`, "e16")
	f(`_exists_:service.name`, except("e15"))
	f(`_exists_:tags`, "e01 e19")
	f(`_exists_:user`, "e01 e20")
	f(`_exists_:flag`, "e03 e20")
	f(`_exists_:aws.elb.backend.ip`, "e01 e02 e07 e17 e21")
	f(`_exists_:http.response.status_code`, "e01 e02 e03 e04 e07 e10 e11 e17")
	f(`_exists_:no.such.field`, "")
}

// searchUnmapped: fields without an explicit type keep the JSON type they
// were sent with: numbers, booleans, strings, arrays.
func searchUnmapped(f func(q, want string)) {
	f(`user.name:alice`, "e01")
	f(`user.name:Alice`, "")
	f(`user.roles:dev`, "e20")
	f(`labels.env:stag*`, "e16")
	f(`tags:prod`, "e01")
	f(`tags:eu`, "e01")
	f(`tags:slow`, "e19")
	f(`tags:pr*`, "e01")
	f(`retry.count:3`, "e11")
	f(`retry.count:3.0`, "e11")
	f(`retry.count:>=3`, "e11 e18")
	f(`retry.count:<3`, "e02")
	// Numerically, not as text: "10" sorts before "2" as a string.
	f(`retry.count:[2 TO 10]`, "e11 e18")
	f(`db.duration:1.5`, "e19")
	f(`db.duration:[1 TO 2]`, "e19")
	f(`db.duration:>1.5`, "")
	f(`flag:true`, "e20")
	f(`flag:false`, "e03")
	f(`NOT flag:true`, except("e20"))
	f(`NOT user.name:alice`, except("e01"))
}

// searchBoolean: AND/OR/NOT and their symbols, + and -, juxtaposition as
// OR, grouping and precedence (NOT > AND > OR).
func searchBoolean(f func(q, want string)) {
	f(`log.level:error AND service.name:checkout`, "e01")
	f(`log.level:error && service.name:checkout`, "e01")
	f(`log.level:error OR log.level:debug`, "e01 e06 e10 e12")
	f(`log.level:error || log.level:debug`, "e01 e06 e10 e12")
	f(`service.name:auth AND NOT bob`, "e03")
	f(`service.name:auth AND !bob`, "e03")
	f(`NOT service.name:checkout`, except("e01 e02 e18"))
	f(`-log.level:info`, "e01 e02 e05 e06 e10 e12 e13 e18 e19")
	f(`disk timeout`, "e05 e06 e10")
	f(`service.name:auth -bob`, "e03")
	f(`+service.name:checkout +connection`, "e01 e02")
	f(`+service.name:checkout -connection`, "e18")
	f(`(log.level:error OR log.level:warn) AND service.name:checkout`, "e01 e02 e18")
	f(`log.level:error OR log.level:warn AND service.name:checkout`, "e01 e02 e06 e10 e18")
	f(`NOT log.level:info AND service.name:checkout`, "e01 e02 e18")
	f(`disk OR connection AND NOT refused`, "e02 e05 e06")
	f(`service.name:(auth OR cart)`, "e03 e04 e12 e13")
	f(`service.name:(auth cart)`, "e03 e04 e12 e13")
	f(`NOT (service.name:checkout OR service.name:auth)`, except("e01 e02 e03 e04 e18"))
	f(`http.response.status_code:>=500 AND NOT aws.elb.type:https`, "e02")
	// NOT keeps the events that lack the field.
	f(`NOT retry.count:>=3`, except("e11 e18"))
	f(`NOT tags:prod`, except("e01"))
	f(`NOT @timestamp:<2026-11-22`, except("e01 e02"))
	f(`-service.name:(auth OR cart)`, except("e03 e04 e12 e13"))
	f(`NOT NOT service.name:auth`, "e03 e04")
	f(`service.name:auth^2`, "e03 e04")
	f(`((service.name:auth AND (bob OR alice)) OR (log.level:debug AND cache))`, "e03 e04 e12")
	f(`*`, allIDs)
	f(`*:*`, allIDs)
	f(``, allIDs)
}
